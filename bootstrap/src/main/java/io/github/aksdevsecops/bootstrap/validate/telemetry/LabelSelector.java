package io.github.aksdevsecops.bootstrap.validate.telemetry;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector as the API server reads it: {@code matchLabels} and {@code
 * matchExpressions} (In, NotIn, Exists, DoesNotExist), all of them required. An empty selector
 * matches everything; whether an absent one does is the caller's decision, as it differs by field.
 */
public final class LabelSelector {
  private LabelSelector() {}

  public static boolean matches(Object selector, Map<String, String> labels) {
    Map<String, Object> s = Plain.map(selector);
    for (Map.Entry<String, Object> e : Plain.map(s.get("matchLabels")).entrySet()) {
      if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Object o : Plain.list(s.get("matchExpressions"))) {
      Map<String, Object> expr = Plain.map(o);
      String key = String.valueOf(expr.get("key"));
      List<String> values = Plain.strings(expr.get("values"));
      String value = labels.get(key);
      boolean ok =
          switch (String.valueOf(expr.get("operator"))) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Labels of a plain object's metadata. */
  public static Map<String, String> labels(Object metadataOwner) {
    Map<String, String> result = new java.util.LinkedHashMap<>();
    Plain.map(Plain.map(Plain.map(metadataOwner).get("metadata")).get("labels"))
        .forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}
