package io.github.aksdevsecops.bootstrap.adapters;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A directory of {@code <chart>-<version>.tgz} archives. When the directory holds a {@code
 * SHA256SUMS} file (the format of sha256sum), every archive used must be listed there with its
 * checksum, and must match it.
 */
public final class ChartMirror implements ChartSource {
  private final Path dir;
  private final Optional<Map<String, String>> sums;

  public ChartMirror(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.dir)) {
      throw new InvalidInputException(new Problem(this.dir, 0, "chart mirror is not a directory"));
    }
    this.sums = readSums(this.dir.resolve("SHA256SUMS"));
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
    sums.ifPresent(
        s -> {
          String expected = s.get(name);
          if (expected == null) {
            throw new InvalidInputException(
                new Problem(dir.resolve("SHA256SUMS"), 0, name + " is not listed"));
          }
          Digests.requireSha256(file, expected);
        });
    return file;
  }

  @Override
  public String describe() {
    return "chart mirror " + dir;
  }

  private static Optional<Map<String, String>> readSums(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, String> sums = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split("\\s+\\*?", 2);
        if (parts.length == 2) {
          sums.put(parts[1].trim(), parts[0].toLowerCase(java.util.Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(sums);
  }
}
