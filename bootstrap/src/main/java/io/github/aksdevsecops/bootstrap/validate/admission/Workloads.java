package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every pod the rendered platform will ask admission for, as the object Kyverno evaluates: the
 * controllers (Kyverno's generated rules check their pod template), bare Pods, and the pods
 * operators create from custom resources — Argo Rollouts' pods (evaluated as Pods) and the
 * StatefulSets the Prometheus operator builds from Prometheus and Alertmanager resources, modelled
 * the way prometheus-operator 0.81 builds them: the main container with the resource's image and
 * resources, a config-reloader (image and resources from the operator's flags, "0" meaning unset)
 * also run as init container, a Thanos sidecar when configured, and the operator's hardened
 * container security context; and the HTTP-01 solver pods cert-manager starts for an Ingress that
 * an ACME issuer certifies ({@link AcmeSolverPods}).
 */
public final class Workloads {
  static final List<String> CONTROLLERS =
      List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "CronJob");

  private Workloads() {}

  /**
   * One pod source with the rendered object it comes from; {@code via} names the pod where another
   * object makes it (empty where the object is the pod source itself).
   */
  public record Workload(RenderedObject from, Subject subject, String via) {
    Workload(RenderedObject from, Subject subject) {
      this(from, subject, "");
    }

    /**
     * The spec of the pod this source creates: the template's, or for a Prometheus or Alertmanager
     * resource the one the operator builds (with its config-reloader and sidecars).
     */
    public Map<String, Object> podSpec() {
      return Plain.map(subject.pod().get("spec"));
    }
  }

  public static List<Workload> of(List<RenderedObject> objects) {
    Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    for (RenderedObject o : objects) {
      if (o.isKind("Namespace")) {
        Map<String, String> labels = new LinkedHashMap<>(labels(o.content()));
        labels.put("kubernetes.io/metadata.name", o.object().name());
        namespaceLabels.put(o.object().name(), labels);
      }
    }
    Map<String, Object> operatorArgs = operatorFlags(objects).orElse(Map.of());
    List<Workload> result = new ArrayList<>();
    for (RenderedObject o : objects) {
      KubeObject k = o.object();
      String ns = k.namespace() == null ? "default" : k.namespace();
      Map<String, String> nsLabels =
          namespaceLabels.getOrDefault(ns, Map.of("kubernetes.io/metadata.name", ns));
      subject(o.content(), ns, nsLabels, operatorArgs)
          .ifPresent(s -> result.add(new Workload(o, s)));
    }
    result.addAll(AcmeSolverPods.of(objects, namespaceLabels));
    return result;
  }

  /** What admission evaluates for one document, if it runs pods. */
  static Optional<Subject> subject(
      Map<String, Object> doc,
      String ns,
      Map<String, String> nsLabels,
      Map<String, Object> operatorArgs) {
    String kind = String.valueOf(doc.get("kind"));
    String name = String.valueOf(Plain.map(doc.get("metadata")).get("name"));
    if (CONTROLLERS.contains(kind) || kind.equals("Pod")) {
      Map<String, Object> template =
          kind.equals("Pod") ? doc : Plain.map(Plain.dig(doc, templatePath(kind)));
      return Optional.of(
          new Subject(kind, ns, name, labels(doc), nsLabels, pod(name, ns, template)));
    }
    if (kind.equals("Rollout")) {
      Map<String, Object> template = Plain.map(Plain.dig(doc, List.of("spec", "template")));
      return Optional.of(
          new Subject(
              "Pod",
              ns,
              name + "-??????????-?????",
              labels(template),
              nsLabels,
              pod(name, ns, template)));
    }
    if (kind.equals("Prometheus") || kind.equals("Alertmanager")) {
      String main = kind.equals("Prometheus") ? "prometheus" : "alertmanager";
      Map<String, Object> template =
          OperatorPods.template(main, Plain.map(doc.get("spec")), operatorArgs);
      return Optional.of(
          new Subject(
              "StatefulSet",
              ns,
              main + "-" + name,
              labels(doc),
              nsLabels,
              pod(main + "-" + name, ns, template)));
    }
    return Optional.empty();
  }

  static List<String> templatePath(String kind) {
    return kind.equals("CronJob")
        ? List.of("spec", "jobTemplate", "spec", "template")
        : List.of("spec", "template");
  }

  /** The Pod admission sees: the template's metadata and spec under the workload's name. */
  private static Map<String, Object> pod(
      String name, String namespace, Map<String, Object> template) {
    Map<String, Object> metadata = new LinkedHashMap<>(Plain.map(template.get("metadata")));
    metadata.putIfAbsent("name", name);
    metadata.put("namespace", namespace);
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.put("metadata", metadata);
    pod.put("spec", Plain.map(template.get("spec")));
    return pod;
  }

  /** The config-reloader flags of the Prometheus operator's Deployment in the render. */
  private static Optional<Map<String, Object>> operatorFlags(List<RenderedObject> objects) {
    for (RenderedObject o : objects) {
      if (!o.isKind("Deployment")) {
        continue;
      }
      Map<String, Object> doc = o.content();
      for (Object c :
          Plain.list(Plain.dig(doc, List.of("spec", "template", "spec", "containers")))) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Object arg : Plain.list(Plain.map(c).get("args"))) {
          String a = String.valueOf(arg);
          int eq = a.indexOf('=');
          if (a.startsWith("--") && eq > 0) {
            flags.put(a.substring(2, eq), a.substring(eq + 1));
          }
        }
        if (flags.containsKey("prometheus-config-reloader")) {
          return Optional.of(flags);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> labels(Object doc) {
    Map<String, String> result = new LinkedHashMap<>();
    Plain.map(Plain.map(Plain.map(doc).get("metadata")).get("labels"))
        .forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}
