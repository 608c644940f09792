package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.adapters.ChartMirror;
import io.github.aksdevsecops.bootstrap.adapters.ChartSource;
import io.github.aksdevsecops.bootstrap.execute.Platform;
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

  /** The mirror the user named, if any. */
  Optional<ChartSource> mirror(Path workingDirectory, Function<String, String> env) {
    if (mirror != null) {
      return Optional.of(new ChartMirror(workingDirectory.resolve(mirror)));
    }
    String fromEnvironment = env.apply(VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(new ChartMirror(workingDirectory.resolve(fromEnvironment)));
    }
    return Optional.empty();
  }

  /** The mirror the user named, else the chart repositories (downloads cached in the checkout). */
  ChartSource source(Path workingDirectory, Path root, Function<String, String> env) {
    return mirror(workingDirectory, env).orElseGet(() -> Platform.repositories(root));
  }
}
