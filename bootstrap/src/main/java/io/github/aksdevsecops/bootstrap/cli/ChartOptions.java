package io.github.aksdevsecops.bootstrap.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where charts come from: --chart-mirror, BOOTSTRAP_CHART_MIRROR, else the chart repositories. */
public final class ChartOptions {
  static final String VARIABLE = "BOOTSTRAP_CHART_MIRROR";

  @Option(
      names = "--chart-mirror",
      paramLabel = "DIR",
      description =
          "A directory of <chart>-<version>.tgz archives used instead of the chart repositories"
              + " (air-gapped installs, tests); verified against its SHA256SUMS when present."
              + " Default: $"
              + VARIABLE
              + ", else the repositories the catalog pins.")
  Path mirror;

  /** The mirror directory the user named, if any. */
  Optional<Path> mirror(Path workingDirectory, Function<String, String> env) {
    if (mirror != null) {
      return Optional.of(workingDirectory.resolve(mirror));
    }
    String fromEnvironment = env.apply(VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(workingDirectory.resolve(fromEnvironment));
    }
    return Optional.empty();
  }
}
