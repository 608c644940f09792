package io.github.aksdevsecops.bootstrap.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Listing files of the checkout, skipping build output and installed tools. */
final class RepoFiles {
  private RepoFiles() {}

  static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under the given top-level folders, sorted. */
  static List<Path> walk(Path root, List<String> tops) {
    List<Path> result = new ArrayList<>();
    for (String top : tops) {
      Path dir = root.resolve(top);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .filter(Files::isRegularFile)
            .filter(
                p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
            .sorted()
            .forEach(result::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }

  static List<Path> named(Path root, List<String> tops, String fileName) {
    return walk(root, tops).stream()
        .filter(p -> String.valueOf(p.getFileName()).equals(fileName))
        .toList();
  }
}
