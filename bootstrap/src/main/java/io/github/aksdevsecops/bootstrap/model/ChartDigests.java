package io.github.aksdevsecops.bootstrap.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sha256 of every archive of one chart version the catalog accepts: the archive its chart
 * repository publishes (the {@code digest} of its {@code index.yaml} entry, what {@code helm pull}
 * downloads) and the archive rebuilt from the chart's release tag (an offline mirror built that
 * way). A digest the repository's own index names is no evidence: it travels with the archive.
 */
public record ChartDigests(Optional<String> published, Optional<String> rebuilt) {
  public static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ChartDigests {
    if (published.isEmpty() && rebuilt.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one sha256");
    }
    for (String digest : concat(published, rebuilt)) {
      if (!SHA256.matcher(digest).matches()) {
        throw new IllegalArgumentException("not a lower-case hex sha256: " + digest);
      }
    }
  }

  /** Whether an archive with this sha256 (hex, any case) is one the catalog pins. */
  public boolean accepts(String sha256) {
    byte[] actual = sha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    boolean any = false;
    for (String digest : concat(published, rebuilt)) {
      // Compare every pin in constant time; the result is the same whatever matched.
      any |= MessageDigest.isEqual(actual, digest.getBytes(StandardCharsets.US_ASCII));
    }
    return any;
  }

  /** The pins for a message: "published …, rebuilt …". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    published.ifPresent(d -> parts.add("published " + d));
    rebuilt.ifPresent(d -> parts.add("rebuilt " + d));
    return String.join(", ", parts);
  }

  private static List<String> concat(Optional<String> a, Optional<String> b) {
    List<String> all = new ArrayList<>(2);
    a.ifPresent(all::add);
    b.ifPresent(all::add);
    return all;
  }
}
