package io.github.aksdevsecops.bootstrap.adapters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Helm chart archive (.tgz) unpacked into a directory (the JDK's gzip reader: Helm writes a gzip
 * "extra" header field that commons-compress's reader rejects). Entries may not leave the target
 * (no absolute paths, no {@code ..}, no links) and the total size is bounded: a chart is data from
 * a repository or a mirror, not trusted code.
 */
public final class ChartArchive {
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private ChartArchive() {}

  /** Unpacks {@code archive} into {@code target}; returns the chart's top-level directory. */
  public static Path unpack(Path archive, Path target) {
    Path root = target.toAbsolutePath().normalize();
    Path top = null;
    long total = 0;
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(file)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root) || e.isSymbolicLink() || e.isLink()) {
          throw new IllegalArgumentException(
              archive + ": entry '" + e.getName() + "' would leave the chart directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        total += e.getSize();
        if (total > MAX_BYTES) {
          throw new IllegalArgumentException(archive + ": larger than " + MAX_BYTES + " bytes");
        }
        Path parent = out.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        Path first = root.relativize(out).getName(0);
        top = top == null ? root.resolve(first) : top;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack chart " + archive, e);
    }
    if (top == null || !Files.isRegularFile(top.resolve("Chart.yaml"))) {
      throw new IllegalArgumentException(
          archive + ": no Chart.yaml in the archive's top directory");
    }
    return top;
  }
}
