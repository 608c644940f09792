package io.github.aksdevsecops.bootstrap.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locations in the repository the policy tests read. */
final class RepoPaths {

  static final Path ROOT =
      Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  static final Path POLICIES = ROOT.resolve("kubernetes/security/kyverno/policies");

  private RepoPaths() {}

  /** Every overlay directory (platform and app) with a kustomization, sorted. */
  static List<Path> overlays() {
    try (Stream<Path> files = Files.walk(ROOT.resolve("kubernetes"))) {
      return files
          .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
          .map(Path::getParent)
          .filter(
              dir ->
                  dir.getParent() != null
                      && dir.getParent().getFileName().toString().equals("overlays"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
