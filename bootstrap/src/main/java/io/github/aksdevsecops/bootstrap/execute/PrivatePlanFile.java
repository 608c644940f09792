package io.github.aksdevsecops.bootstrap.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A saved Terraform plan in a temporary directory only its owner can enter (0700), the file itself
 * 0600, both deleted on close. Terraform writes the file itself, so its mode is narrowed right
 * after the plan is written.
 */
final class PrivatePlanFile implements AutoCloseable {
  private final Path directory;
  private final Path file;

  private PrivatePlanFile(Path directory, Path file) {
    this.directory = directory;
    this.file = file;
  }

  static PrivatePlanFile create(String environment) {
    try {
      Path dir =
          Files.createTempDirectory(
              "bootstrap-tfplan-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new PrivatePlanFile(dir, dir.resolve(environment + ".tfplan"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for the saved plan", e);
    }
  }

  Path path() {
    return file;
  }

  /** Narrows the file Terraform wrote to 0600. */
  void restrict() {
    try {
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the saved plan " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the saved plan " + file, e);
    }
  }
}
