package io.github.aksdevsecops.bootstrap.adapters;

import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 of files, compared in constant time. */
public final class Digests {
  private Digests() {}

  public static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails unless the file's SHA-256 is {@code expected} (hex, any case). */
  public static void requireSha256(Path file, String expected) {
    String actual = sha256(file);
    boolean same =
        MessageDigest.isEqual(
            actual.getBytes(StandardCharsets.US_ASCII),
            expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!same) {
      throw new UnexpectedStateException(
          file + " has sha256 " + actual + ", expected " + expected + ": refusing to use it");
    }
  }
}
