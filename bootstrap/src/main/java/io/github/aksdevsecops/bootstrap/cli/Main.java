package io.github.aksdevsecops.bootstrap.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root command: prints usage; the work is done by its subcommands. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    version = "bootstrap 0.1.0",
    description = "Validates, plans, applies and destroys the AKS DevSecOps platform.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DestroyCommand.class,
      RenderCommand.class,
      VerifyCommand.class,
      AdmissionReportCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = CliFactory.production().create(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
