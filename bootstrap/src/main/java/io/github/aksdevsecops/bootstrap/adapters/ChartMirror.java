package io.github.aksdevsecops.bootstrap.adapters;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of {@code <chart>-<version>.tgz} archives. Each archive used must have a sha256 the
 * catalog pins for its chart: a checksum file inside the mirror would travel with the archives it
 * describes and prove nothing.
 */
public final class ChartMirror implements ChartSource {
  private final Path dir;

  public ChartMirror(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.dir)) {
      throw new InvalidInputException(new Problem(this.dir, 0, "chart mirror is not a directory"));
    }
  }

  @Override
  public Path archive(ComponentSpec.Helm chart) {
    String name = ChartSource.fileName(chart);
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          new Problem(
              dir,
              0,
              "chart mirror has no " + name + " (" + chart.chartReference() + " is pinned)"));
    }
    return ChartSource.requirePinned(chart, file);
  }

  @Override
  public String describe() {
    return "chart mirror " + dir;
  }
}
