package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pod template prometheus-operator builds from a Prometheus or Alertmanager resource. */
final class OperatorPods {
  private OperatorPods() {}

  static Map<String, Object> template(
      String main, Map<String, Object> spec, Map<String, Object> operatorFlags) {
    List<Object> containers = new ArrayList<>();
    containers.add(container(main, spec.get("image"), spec.get("resources")));
    Map<String, Object> reloader = reloader("config-reloader", operatorFlags);
    containers.add(reloader);
    Map<String, Object> thanos = Plain.map(spec.get("thanos"));
    if (main.equals("prometheus") && spec.containsKey("thanos")) {
      Object image = thanos.getOrDefault("image", operatorFlags.get("thanos-default-base-image"));
      containers.add(container("thanos-sidecar", image, thanos.get("resources")));
    }
    for (Object override : Plain.list(spec.get("containers"))) {
      merge(containers, Plain.map(override));
    }
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("securityContext", spec.getOrDefault("securityContext", Map.of()));
    podSpec.put("containers", containers);
    podSpec.put(
        "initContainers",
        new ArrayList<>(List.of(reloader("init-config-reloader", operatorFlags))));
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Map.of());
    template.put("spec", podSpec);
    return template;
  }

  private static Map<String, Object> container(String name, Object image, Object resources) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("image", image == null ? "" : image);
    if (resources != null) {
      c.put("resources", resources);
    }
    c.put(
        "securityContext",
        Map.of(
            "allowPrivilegeEscalation", false,
            "readOnlyRootFilesystem", true,
            "capabilities", Map.of("drop", List.of("ALL"))));
    return c;
  }

  private static Map<String, Object> reloader(String name, Map<String, Object> flags) {
    Map<String, Object> requests = new LinkedHashMap<>();
    Map<String, Object> limits = new LinkedHashMap<>();
    put(requests, "cpu", flags.get("config-reloader-cpu-request"));
    put(requests, "memory", flags.get("config-reloader-memory-request"));
    put(limits, "cpu", flags.get("config-reloader-cpu-limit"));
    put(limits, "memory", flags.get("config-reloader-memory-limit"));
    return container(
        name,
        flags.getOrDefault("prometheus-config-reloader", ""),
        Map.of("requests", requests, "limits", limits));
  }

  private static void put(Map<String, Object> resources, String name, Object value) {
    if (value != null && !"0".equals(String.valueOf(value))) {
      resources.put(name, String.valueOf(value));
    }
  }

  /** A container of {@code spec.containers} overrides the generated one of the same name. */
  private static void merge(List<Object> containers, Map<String, Object> override) {
    for (int i = 0; i < containers.size(); i++) {
      Map<String, Object> c = Plain.map(containers.get(i));
      if (c.get("name").equals(override.get("name"))) {
        Map<String, Object> merged = new LinkedHashMap<>(c);
        merged.putAll(override);
        containers.set(i, merged);
        return;
      }
    }
    containers.add(override);
  }
}
