package io.github.aksdevsecops.bootstrap.validate.network;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: every matchLabels pair and every matchExpressions requirement must
 * hold; an empty selector matches everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  /** One matchExpressions entry: In, NotIn, Exists or DoesNotExist. */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = List.copyOf(values);
    }

    boolean holds(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false; // the API server rejects other operators; never match on a typo
      };
    }
  }

  public static final LabelSelector ALL = new LabelSelector(Map.of(), List.of());

  /** Reads a selector from plain YAML; an absent value reads as an empty (match-all) selector. */
  public static LabelSelector of(Object plain) {
    Map<String, Object> map = Plain.map(plain);
    Map<String, String> labels = new LinkedHashMap<>();
    Plain.map(map.get("matchLabels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    List<Requirement> requirements =
        Plain.list(map.get("matchExpressions")).stream()
            .map(Plain::map)
            .map(
                e ->
                    new Requirement(
                        String.valueOf(e.get("key")),
                        String.valueOf(e.get("operator")),
                        Plain.strings(e.get("values"))))
            .toList();
    return new LabelSelector(labels, requirements);
  }

  /** A selector of exactly these labels, as a Service's spec.selector is. */
  public static LabelSelector equalTo(Map<String, String> labels) {
    return new LabelSelector(labels, List.of());
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && expressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return expressions.stream().allMatch(r -> r.holds(labels));
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "{}"
        : expressions.isEmpty() ? matchLabels.toString() : matchLabels + " " + expressions;
  }
}
