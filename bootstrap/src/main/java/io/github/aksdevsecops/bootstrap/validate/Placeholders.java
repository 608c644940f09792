package io.github.aksdevsecops.bootstrap.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a value shipped in the repository looks like when it still needs a fork's own: a GUID of one
 * repeated digit (the all-zero subscription, 1111...-style group ids), a host of the reserved
 * example domains (RFC 2606), and the placeholder registry of the shared manifests.
 */
final class Placeholders {
  static final List<Pattern> PATTERNS =
      List.of(
          Pattern.compile("\\b([0-9a-f])\\1{7}-\\1{4}-\\1{4}-\\1{4}-\\1{12}\\b"),
          // a host under example.com/.org/.net, or the bare domain (no nested quantifier)
          Pattern.compile(
              "\\b[a-z0-9][a-z0-9.-]*\\.example\\.(?:com|org|net)\\b|\\bexample\\.(?:com|org|net)\\b"),
          Pattern.compile("\\bdevsecopsacr\\.azurecr\\.io\\b"));

  private Placeholders() {}

  /** Every placeholder in a text. */
  static List<String> in(String text) {
    if (!mayHold(text)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    for (Pattern p : PATTERNS) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        found.add(m.group());
      }
    }
    return found;
  }

  /** A cheap test that rules out most texts before the patterns run. */
  private static boolean mayHold(String text) {
    return text.contains("example.")
        || text.contains("devsecopsacr")
        || (text.length() >= 36 && text.indexOf('-') >= 0);
  }

  /** Every string scalar of a plain document, keys included. */
  static void strings(Object value, List<String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            out.add(String.valueOf(k));
            strings(v, out);
          });
    } else if (value instanceof List<?> list) {
      list.forEach(v -> strings(v, out));
    } else if (value instanceof String s) {
      out.add(s);
    }
  }
}
