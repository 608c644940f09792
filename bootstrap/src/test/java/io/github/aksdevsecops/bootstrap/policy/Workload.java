package io.github.aksdevsecops.bootstrap.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pod template as the admission controller evaluates it: pod security context + containers. */
record Workload(
    String kind, String namespace, String name, PodSecurity pod, List<Container> containers) {

  record PodSecurity(Optional<Boolean> runAsNonRoot, Optional<Long> runAsUser) {}

  record Container(
      String name,
      String image,
      Optional<Boolean> runAsNonRoot,
      Optional<Long> runAsUser,
      Optional<Boolean> privileged,
      Optional<Boolean> allowPrivilegeEscalation,
      Map<String, Object> requests,
      Map<String, Object> limits) {}

  String id() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }

  static Workload of(Map<String, Object> doc) {
    String kind = Manifests.string(doc, "kind").orElseThrow();
    Map<String, Object> podSpec =
        switch (kind) {
          case "Pod" -> Manifests.map(doc, "spec");
          case "CronJob" -> Manifests.map(doc, "spec", "jobTemplate", "spec", "template", "spec");
          default -> Manifests.map(doc, "spec", "template", "spec");
        };
    Map<String, Object> podContext = Manifests.map(podSpec, "securityContext");
    PodSecurity pod =
        new PodSecurity(bool(podContext, "runAsNonRoot"), number(podContext, "runAsUser"));
    List<Container> containers = new ArrayList<>();
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (Map<String, Object> c : Manifests.maps(podSpec, field)) {
        Map<String, Object> sc = Manifests.map(c, "securityContext");
        containers.add(
            new Container(
                Manifests.string(c, "name").orElse("?"),
                Manifests.string(c, "image").orElse(""),
                bool(sc, "runAsNonRoot"),
                number(sc, "runAsUser"),
                bool(sc, "privileged"),
                bool(sc, "allowPrivilegeEscalation"),
                Manifests.map(c, "resources", "requests"),
                Manifests.map(c, "resources", "limits")));
      }
    }
    return new Workload(
        kind,
        Manifests.string(doc, "metadata", "namespace").orElse(null),
        Manifests.string(doc, "metadata", "name").orElse("?"),
        pod,
        containers);
  }

  private static Optional<Boolean> bool(Map<String, Object> map, String key) {
    return map.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  private static Optional<Long> number(Map<String, Object> map, String key) {
    return map.get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }
}
