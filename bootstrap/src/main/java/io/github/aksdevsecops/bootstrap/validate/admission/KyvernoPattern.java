package io.github.aksdevsecops.bootstrap.validate.admission;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyverno's validate {@code pattern} semantics, as its documentation defines them, for the
 * constructs the platform's policies use: plain keys (the field must be present and match), the
 * equality anchor {@code =(key)} (checked only when present), the negation anchor {@code X(key)}
 * (must be absent), arrays (every element matches the pattern's element), and scalars with
 * wildcards ({@code *}, {@code ?}), alternatives ({@code a|b}), negation ({@code !}) and numeric
 * comparisons ({@code >0}, {@code <=10}).
 */
final class KyvernoPattern {
  private static final Pattern ANCHOR = Pattern.compile("^([=X^+<])\\((.+)\\)$");
  private static final Pattern COMPARISON = Pattern.compile("^(>=|<=|>|<)(-?[0-9.]+)$");

  private KyvernoPattern() {}

  /** Empty when {@code resource} matches; else where and why it does not. */
  static Optional<String> mismatch(Object pattern, Object resource, String path) {
    if (pattern instanceof Map<?, ?> map) {
      return mismatchMap(map, resource, path);
    }
    if (pattern instanceof List<?> list) {
      if (!(resource instanceof List<?> items)) {
        return Optional.of(path + " must be a list");
      }
      if (list.isEmpty()) {
        return Optional.empty();
      }
      for (int i = 0; i < items.size(); i++) {
        Optional<String> m = mismatch(list.get(0), items.get(i), path + "[" + i + "]");
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    }
    return scalarMatches(pattern, resource)
        ? Optional.empty()
        : Optional.of(path + " is " + show(resource) + ", policy wants " + show(pattern));
  }

  private static Optional<String> mismatchMap(Map<?, ?> pattern, Object resource, String path) {
    if (!(resource instanceof Map<?, ?> fields)) {
      return Optional.of(path + " must be an object");
    }
    for (Map.Entry<?, ?> e : pattern.entrySet()) {
      String key = String.valueOf(e.getKey());
      Matcher anchor = ANCHOR.matcher(key);
      String name = anchor.matches() ? anchor.group(2) : key;
      String kind = anchor.matches() ? anchor.group(1) : "";
      String where = path + "." + name;
      boolean present = fields.containsKey(name) && fields.get(name) != null;
      switch (kind) {
        case "=", "^" -> {
          if (present) {
            Optional<String> m = mismatch(e.getValue(), fields.get(name), where);
            if (m.isPresent()) {
              return m;
            }
          }
        }
        case "X" -> {
          if (present) {
            return Optional.of(where + " must not be set");
          }
        }
        case "+" -> {
          // add-if-absent anchors mutate; they do not validate
        }
        default -> {
          if (!present) {
            return Optional.of(where + " is missing");
          }
          Optional<String> m = mismatch(e.getValue(), fields.get(name), where);
          if (m.isPresent()) {
            return m;
          }
        }
      }
    }
    return Optional.empty();
  }

  static boolean scalarMatches(Object pattern, Object resource) {
    if (pattern == null) {
      return resource == null;
    }
    if (resource instanceof Map<?, ?> || resource instanceof List<?>) {
      return false;
    }
    String value = text(resource);
    if (pattern instanceof Boolean || pattern instanceof Number) {
      return text(pattern).equals(value) || numeric(text(pattern), value) == 0;
    }
    for (String alternative : String.valueOf(pattern).split("\\|")) {
      if (alternativeMatches(alternative.trim(), value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean alternativeMatches(String alternative, String value) {
    if (alternative.startsWith("!")) {
      return !alternativeMatches(alternative.substring(1), value);
    }
    Matcher comparison = COMPARISON.matcher(alternative);
    if (comparison.matches()) {
      int c = numeric(value, comparison.group(2));
      return switch (comparison.group(1)) {
        case ">" -> c != Integer.MIN_VALUE && c > 0;
        case ">=" -> c != Integer.MIN_VALUE && c >= 0;
        case "<" -> c != Integer.MIN_VALUE && c < 0;
        default -> c != Integer.MIN_VALUE && c <= 0;
      };
    }
    return wildcard(alternative).matcher(value).matches();
  }

  /** Compares two numbers written as text; {@link Integer#MIN_VALUE} when either is not one. */
  private static int numeric(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      return Integer.MIN_VALUE;
    }
  }

  private static Pattern wildcard(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Kyverno compares scalars as their text: true, 1000, 0.5. */
  static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue());
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** Wildcard matching of names and namespaces in match blocks and resource filters. */
  static boolean globMatches(String glob, String value) {
    return wildcard(glob).matcher(value == null ? "" : value).matches();
  }

  private static String show(Object value) {
    return value == null ? "absent" : "'" + text(value) + "'";
  }
}
