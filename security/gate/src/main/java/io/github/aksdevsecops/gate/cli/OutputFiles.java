package io.github.aksdevsecops.gate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes the gate's output files where the command line says; a reader never sees half a file. */
final class OutputFiles {
  private OutputFiles() {}

  /** Replaces {@code file} atomically (temporary sibling, then rename). */
  static void replace(Path file, String content) {
    try {
      Path dir = parent(file);
      Path temp = Files.createTempFile(dir, ".security-gate-", ".tmp");
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The directory {@code file} goes in, created when missing. */
  private static Path parent(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("not a file path");
    }
    return Files.createDirectories(dir);
  }

  /** Appends to {@code file}, as GitHub expects for $GITHUB_STEP_SUMMARY. */
  static void append(Path file, String content) {
    try {
      parent(file);
      Files.writeString(
          file,
          content,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
