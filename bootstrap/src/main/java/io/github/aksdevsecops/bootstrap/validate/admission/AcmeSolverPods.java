package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP-01 solver pods cert-manager starts while an ACME server checks a challenge, modelled the
 * way cert-manager v1.17 builds them: one bare Pod in the namespace of each Ingress whose {@code
 * cert-manager.io/cluster-issuer} (or {@code issuer}) annotation names an ACME issuer of the render
 * with an {@code http01} solver, named from {@code generateName: cm-acme-http-solver-}, labelled
 * {@code acme.cert-manager.io/http01-solver: "true"}, with the image, resources and runAsNonRoot of
 * the controller's {@code --acme-http01-solver-*} flags (or their defaults), no service account
 * token, a RuntimeDefault seccomp profile, a read-only root, no privilege escalation and every
 * capability dropped. Without a cert-manager controller in the render, nobody starts them.
 */
final class AcmeSolverPods {
  static final String NAME = "cm-acme-http-solver-?????";
  static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
  private static final String FLAG = "--acme-http01-solver-";

  private AcmeSolverPods() {}

  static List<Workloads.Workload> of(
      List<RenderedObject> objects, Map<String, Map<String, String>> namespaceLabels) {
    Optional<Map<String, String>> flags = controllerFlags(objects);
    if (flags.isEmpty()) {
      return List.of();
    }
    List<Workloads.Workload> result = new ArrayList<>();
    for (RenderedObject ingress : objects) {
      if (!ingress.isKind("Ingress")) {
        continue;
      }
      Map<String, Object> annotations =
          Plain.map(Plain.map(ingress.content().get("metadata")).get("annotations"));
      String ns = ingress.namespace();
      boolean acme =
          objects.stream()
              .anyMatch(
                  issuer ->
                      issuer.isKind("ClusterIssuer")
                              && issuer
                                  .object()
                                  .name()
                                  .equals(annotations.get("cert-manager.io/cluster-issuer"))
                              && http01(issuer)
                          || issuer.isKind("Issuer")
                              && ns.equals(issuer.namespace())
                              && issuer
                                  .object()
                                  .name()
                                  .equals(annotations.get("cert-manager.io/issuer"))
                              && http01(issuer));
      if (!acme) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("acme.cert-manager.io/http-domain", "0");
      labels.put("acme.cert-manager.io/http-token", "0");
      labels.put(SOLVER_LABEL, "true");
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", NAME);
      metadata.put("generateName", "cm-acme-http-solver-");
      metadata.put("namespace", ns);
      metadata.put("labels", labels);
      metadata.put(
          "annotations",
          Map.of(
              "sidecar.istio.io/inject", "false",
              "cluster-autoscaler.kubernetes.io/safe-to-evict", "true"));
      Map<String, Object> pod = new LinkedHashMap<>();
      pod.put("apiVersion", "v1");
      pod.put("kind", "Pod");
      pod.put("metadata", metadata);
      pod.put("spec", spec(flags.get()));
      Subject subject =
          new Subject(
              "Pod",
              ns,
              NAME,
              labels,
              namespaceLabels.getOrDefault(ns, Map.of("kubernetes.io/metadata.name", ns)),
              pod);
      result.add(
          new Workloads.Workload(
              ingress, subject, "cert-manager's HTTP-01 solver Pod " + ns + "/" + NAME + ": "));
    }
    return result;
  }

  private static Map<String, Object> spec(Map<String, String> flags) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "acmesolver");
    container.put(
        "image", flags.getOrDefault("image", "quay.io/jetstack/cert-manager-acmesolver:v1.17.2"));
    container.put("imagePullPolicy", "IfNotPresent");
    container.put(
        "resources",
        Map.of(
            "requests",
                Map.of(
                    "cpu", flags.getOrDefault("resource-request-cpu", "10m"),
                    "memory", flags.getOrDefault("resource-request-memory", "64Mi")),
            "limits",
                Map.of(
                    "cpu", flags.getOrDefault("resource-limits-cpu", "100m"),
                    "memory", flags.getOrDefault("resource-limits-memory", "64Mi"))));
    container.put("ports", List.of(Map.of("name", "http", "containerPort", 8089)));
    container.put(
        "securityContext",
        Map.of(
            "readOnlyRootFilesystem", true,
            "allowPrivilegeEscalation", false,
            "capabilities", Map.of("drop", List.of("ALL"))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("automountServiceAccountToken", false);
    spec.put("nodeSelector", Map.of("kubernetes.io/os", "linux"));
    spec.put("restartPolicy", "OnFailure");
    spec.put("enableServiceLinks", false);
    spec.put(
        "securityContext",
        Map.of(
            "runAsNonRoot",
            !"false".equals(flags.getOrDefault("run-as-non-root", "true")),
            "seccompProfile",
            Map.of("type", "RuntimeDefault")));
    spec.put("containers", List.of(container));
    return spec;
  }

  private static boolean http01(RenderedObject issuer) {
    for (Object solver :
        Plain.list(Plain.dig(issuer.content(), List.of("spec", "acme", "solvers")))) {
      if (Plain.map(solver).get("http01") != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code --acme-http01-solver-*} flags (without that prefix) of the cert-manager controller
   * in the render, the container whose args name the solver image.
   */
  private static Optional<Map<String, String>> controllerFlags(List<RenderedObject> objects) {
    for (RenderedObject o : objects) {
      if (!o.isKind("Deployment")) {
        continue;
      }
      for (Object c :
          Plain.list(Plain.dig(o.content(), List.of("spec", "template", "spec", "containers")))) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (Object arg : Plain.list(Plain.map(c).get("args"))) {
          String a = String.valueOf(arg);
          int eq = a.indexOf('=');
          if (a.startsWith(FLAG) && eq > 0) {
            flags.put(a.substring(FLAG.length(), eq), a.substring(eq + 1));
          }
        }
        if (flags.containsKey("image")) {
          return Optional.of(flags);
        }
      }
    }
    return Optional.empty();
  }
}
