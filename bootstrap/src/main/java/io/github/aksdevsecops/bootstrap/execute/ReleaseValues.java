package io.github.aksdevsecops.bootstrap.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The values a release was installed with, compared with the values files an apply would pass: the
 * release record in the cluster answers whether anything changed, not a note of this tool's. Files
 * are laid over each other as Helm does with several {@code -f} (mappings merge key by key,
 * anything else replaces); numbers compare by value, since Helm stores them as JSON numbers.
 */
final class ReleaseValues {
  private ReleaseValues() {}

  /** The values the files give, merged in order. */
  static Object merged(List<Path> files) {
    Object result = new LinkedHashMap<String, Object>();
    for (Path f : files) {
      try {
        result = merge(result, parse(Files.readString(f)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
    return result;
  }

  /** The values Helm reports for a release ({@code helm get values}), as data. */
  static Object parse(String yaml) {
    String text = yaml.strip();
    if (text.startsWith("USER-SUPPLIED VALUES:")) {
      text = text.substring("USER-SUPPLIED VALUES:".length());
    }
    Object loaded =
        text.isBlank() || text.equals("null") ? null : new Load(settings()).loadFromString(text);
    return loaded == null ? new LinkedHashMap<String, Object>() : loaded;
  }

  static boolean same(Object a, Object b) {
    return Objects.equals(normalize(a), normalize(b));
  }

  @SuppressWarnings("unchecked")
  private static Object merge(Object base, Object over) {
    if (base instanceof Map<?, ?> b && over instanceof Map<?, ?> o) {
      Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) b);
      for (Map.Entry<?, ?> e : o.entrySet()) {
        String key = String.valueOf(e.getKey());
        result.put(
            key, result.containsKey(key) ? merge(result.get(key), e.getValue()) : e.getValue());
      }
      return result;
    }
    return over;
  }

  private static Object normalize(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> result = new LinkedHashMap<>();
      m.forEach((k, v) -> result.put(String.valueOf(k), normalize(v)));
      return result;
    }
    if (value instanceof List<?> l) {
      List<Object> result = new ArrayList<>();
      l.forEach(v -> result.add(normalize(v)));
      return result;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    return value;
  }

  private static LoadSettings settings() {
    return LoadSettings.builder()
        .setMaxAliasesForCollections(50)
        .setCodePointLimit(8 * 1024 * 1024)
        .build();
  }
}
