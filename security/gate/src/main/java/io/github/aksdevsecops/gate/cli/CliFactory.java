package io.github.aksdevsecops.gate.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import picocli.CommandLine;

/** The one place a CommandLine is built: main() and the tests go through it. */
public final class CliFactory {
  private final Clock clock;

  public CliFactory(Clock clock) {
    this.clock = clock;
  }

  public static CliFactory production() {
    return new CliFactory(Clock.systemUTC());
  }

  public CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new GateCommand(clock));
    cli.addSubcommand(new CheckIgnoresCommand(clock));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().getErr().println("see --help");
          return ExitCodes.INVALID;
        });
    cli.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          PrintWriter e = line.getErr();
          e.println("error: " + ex.getMessage());
          boolean verbose = false;
          for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
          }
          if (verbose) {
            for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
              e.println((t == ex ? "" : "caused by: ") + t);
              for (StackTraceElement frame : t.getStackTrace()) {
                e.println("\tat " + frame);
              }
            }
          } else if (!(ex instanceof UncheckedIOException)) {
            e.println("(internal error; rerun with --verbose for details)");
          }
          e.flush();
          return ExitCodes.INTERNAL;
        });
    return cli;
  }
}
