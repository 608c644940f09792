package io.github.aksdevsecops.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root command: prints usage; the work is done by its subcommands. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    version = "bootstrap 0.1.0",
    description = "Validates, plans, applies and destroys the AKS DevSecOps platform.")
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
