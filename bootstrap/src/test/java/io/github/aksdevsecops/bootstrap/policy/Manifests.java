package io.github.aksdevsecops.bootstrap.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Kubernetes documents parsed from YAML. Generic map access is confined to this class and {@link
 * Workload}; the rules work on typed records.
 */
final class Manifests {

  /** Kinds whose pod template the admission controller sees (directly or through auto-gen). */
  static final Set<String> WORKLOAD_KINDS =
      Set.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "Job",
          "CronJob",
          "Rollout");

  private Manifests() {}

  static List<Map<String, Object>> parse(String yaml) {
    Load load = new Load(LoadSettings.builder().setLabel("manifest").build());
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : load.loadAllFromString(yaml)) {
      if (doc instanceof Map<?, ?> map) {
        docs.add(asMap(map));
      }
    }
    return docs;
  }

  static List<Workload> workloads(List<Map<String, Object>> docs) {
    List<Workload> out = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      String kind = string(doc, "kind").orElse("");
      if (WORKLOAD_KINDS.contains(kind)) {
        out.add(Workload.of(doc));
      }
    }
    return out;
  }

  static Optional<String> string(Map<String, Object> map, String... path) {
    Object value = get(map, path);
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  static Object get(Map<String, Object> map, String... path) {
    Object current = map;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  static Map<String, Object> map(Map<String, Object> map, String... path) {
    Object value = get(map, path);
    return value instanceof Map<?, ?> m ? asMap(m) : Map.of();
  }

  static List<Map<String, Object>> maps(Map<String, Object> map, String... path) {
    Object value = get(map, path);
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          out.add(asMap(m));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
