package io.github.aksdevsecops.bootstrap.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
  @Option(
      names = "--output",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(names = "--verbose", description = "Show causes and stack traces of errors.")
  boolean verbose;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "Repository checkout to use (default: the checkout containing the working directory,"
              + " else the catalog embedded in the jar).")
  Path repo;
}
