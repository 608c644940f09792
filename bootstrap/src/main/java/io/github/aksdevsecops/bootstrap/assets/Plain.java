package io.github.aksdevsecops.bootstrap.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading plain YAML values ({@link YamlNode#toPlain()}) where a checker must walk arbitrary
 * documents (admission patterns, CRD schemas, rendered objects): absent or mistyped values read as
 * empty, so the checker decides what absence means.
 */
public final class Plain {
  private Plain() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  public static Object dig(Object doc, List<String> path) {
    Object node = doc;
    for (String key : path) {
      node = map(node).get(key);
    }
    return node;
  }

  public static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }
}
