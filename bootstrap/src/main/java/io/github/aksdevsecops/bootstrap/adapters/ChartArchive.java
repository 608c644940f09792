package io.github.aksdevsecops.bootstrap.adapters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Helm chart archive (.tgz) unpacked into a directory (the JDK's gzip reader: Helm writes a gzip
 * "extra" header field that commons-compress's reader rejects). Entries may not leave the target
 * (no absolute paths, no {@code ..}, no links), only directories and regular files are written (no
 * sparse files, devices or FIFOs), and the bytes actually written are bounded: a sparse entry's
 * stored size says nothing about what reading it produces. A chart is data from a repository or a
 * mirror, not trusted code.
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
        if (e.isSparse() || !regular(e)) {
          throw new IllegalArgumentException(
              archive + ": entry '" + e.getName() + "' is not a plain file or directory");
        }
        Path parent = out.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        total += copyAtMost(tar, out, MAX_BYTES - total, archive);
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

  private static boolean regular(TarArchiveEntry e) {
    return e.getLinkFlag() == TarArchiveEntry.LF_NORMAL
        || e.getLinkFlag() == TarArchiveEntry.LF_OLDNORM;
  }

  /**
   * Copies the current entry into {@code out}, counting what is written; more than {@code budget}
   * bytes is refused (and the partial file removed) however small the entry claimed to be.
   */
  private static long copyAtMost(InputStream in, Path out, long budget, Path archive)
      throws IOException {
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream file = Files.newOutputStream(out)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        written += n;
        if (written > budget) {
          file.close();
          Files.deleteIfExists(out);
          throw new IllegalArgumentException(archive + ": larger than " + MAX_BYTES + " bytes");
        }
        file.write(buffer, 0, n);
      }
    }
    return written;
  }
}
