package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.report.StackTraces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The one place a CommandLine is built: main() and the tests go through it. */
public final class CliFactory {
  private final Services services;

  public CliFactory(Services services) {
    this.services = services;
  }

  public static CliFactory production() {
    return new CliFactory(
        new Services(
            Path.of("").toAbsolutePath(),
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            System::getenv,
            Platform::real));
  }

  public CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(), new Factory());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(ExitCodes::of);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().getErr().println("see --help");
          return ExitCodes.INVALID_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          boolean verbose = verbose(parsed);
          PrintWriter e = line.getErr();
          if (ex instanceof InvalidInputException invalid) {
            for (Problem p : invalid.problems()) {
              e.println("error: " + p.render(services.workingDirectory()));
            }
          } else {
            e.println("error: " + ex.getMessage());
            if (!verbose && ExitCodes.of(ex) == ExitCodes.INTERNAL) {
              e.println("(internal error; rerun with --verbose for details)");
            }
          }
          if (verbose) {
            e.print(StackTraces.text(ex));
          }
          e.flush();
          return ExitCodes.of(ex);
        });
    return cli;
  }

  /** --verbose is an option of the subcommands: look for it where it was parsed. */
  static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  Services services() {
    return services;
  }

  /** Resolves the workspace a command works on, from --repo or the working directory. */
  Workspace workspace(CommonOptions options) {
    if (options.repo != null) {
      return Workspace.of(services.workingDirectory().resolve(options.repo));
    }
    return Workspace.findRoot(services.workingDirectory())
        .map(Workspace::of)
        .orElseGet(Workspace::embedded);
  }

  Platform platform(Environment env, Path root) {
    return services.platforms().apply(env, root);
  }

  /** Gives commands access to the factory (and so to the injected services). */
  private final class Factory implements CommandLine.IFactory {
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (BaseCommand.class.isAssignableFrom(type)) {
        K command = fallback.create(type);
        ((BaseCommand) command).factory = CliFactory.this;
        return command;
      }
      return fallback.create(type);
    }
  }
}
