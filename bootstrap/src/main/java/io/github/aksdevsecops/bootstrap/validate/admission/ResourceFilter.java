package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.List;
import java.util.Map;

/**
 * One {@code resources} block of a Kyverno match or exclude: kinds, namespaces, names (wildcards),
 * label selector and namespace selector (matchLabels).
 */
record ResourceFilter(
    List<String> kinds,
    List<String> namespaces,
    List<String> names,
    Map<String, String> selector,
    Map<String, String> namespaceSelector) {

  ResourceFilter {
    kinds = List.copyOf(kinds);
    namespaces = List.copyOf(namespaces);
    names = List.copyOf(names);
    selector = Map.copyOf(selector);
    namespaceSelector = Map.copyOf(namespaceSelector);
  }

  @SuppressWarnings("unchecked")
  static ResourceFilter of(Object resources) {
    Map<String, Object> r = resources instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new ResourceFilter(
        Plain.strings(r.get("kinds")),
        Plain.strings(r.get("namespaces")),
        Plain.strings(r.get("names")),
        labels(r.get("selector")),
        labels(r.get("namespaceSelector")));
  }

  boolean matches(Subject s) {
    boolean kind =
        kinds.isEmpty()
            || kinds.stream().anyMatch(k -> k.equals("*") || lastSegment(k).equals(s.kind()));
    boolean namespace =
        namespaces.isEmpty()
            || namespaces.stream().anyMatch(n -> KyvernoPattern.globMatches(n, s.namespace()));
    boolean name =
        names.isEmpty() || names.stream().anyMatch(n -> KyvernoPattern.globMatches(n, s.name()));
    boolean labelled = s.labels().entrySet().containsAll(selector.entrySet());
    boolean inNamespace = s.namespaceLabels().entrySet().containsAll(namespaceSelector.entrySet());
    return kind && namespace && name && labelled && inNamespace;
  }

  private static String lastSegment(String kind) {
    int slash = kind.lastIndexOf('/');
    return slash < 0 ? kind : kind.substring(slash + 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Object selector) {
    if (selector instanceof Map<?, ?> m && m.get("matchLabels") instanceof Map<?, ?> labels) {
      Map<String, String> result = new java.util.LinkedHashMap<>();
      ((Map<Object, Object>) labels)
          .forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
      return result;
    }
    return Map.of();
  }
}
