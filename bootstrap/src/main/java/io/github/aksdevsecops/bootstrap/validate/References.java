package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one rendered object needs to exist by name before it can work: the Secrets, ConfigMaps,
 * ServiceAccounts, claims and SecretProviderClasses its pods mount or read, the storage class of
 * its volumes, the Services and TLS Secret of an Ingress, the Secrets and ConfigMaps the Prometheus
 * operator mounts into Prometheus and Alertmanager, the AppProject and destination namespace of an
 * Argo CD Application. References marked optional are left out: the pod starts without them.
 */
final class References {
  private References() {}

  /** A name one object refers to; {@code namespace} is empty for cluster-scoped kinds. */
  record Reference(String kind, String namespace, String name, String field) {
    String key() {
      return kind + "/" + namespace + "/" + name;
    }
  }

  static List<Reference> of(RenderedObject o) {
    Map<String, Object> doc = o.content();
    String ns = o.object().namespace() == null ? "default" : o.object().namespace();
    List<Reference> refs = new ArrayList<>();
    Map<String, Object> spec = Plain.map(doc.get("spec"));
    List<String> template =
        io.github.aksdevsecops.bootstrap.assets.KubeObject.WORKLOAD_KINDS.get(o.object().kind());
    if (template != null) {
      pod(ns, Plain.map(Plain.map(Plain.dig(doc, template)).get("spec")), refs);
    }
    switch (o.object().kind()) {
      case "PersistentVolumeClaim" -> storageClass(spec, "spec.storageClassName", refs);
      case "StatefulSet" -> {
        for (Object t : Plain.list(spec.get("volumeClaimTemplates"))) {
          storageClass(
              Plain.map(Plain.map(t).get("spec")),
              "spec.volumeClaimTemplates.spec.storageClassName",
              refs);
        }
      }
      case "Ingress" -> ingress(ns, spec, refs);
      case "Prometheus", "Alertmanager" -> operated(ns, spec, refs);
      case "Application" -> {
        Object project = spec.get("project");
        if (project != null && !"default".equals(project)) {
          refs.add(new Reference("AppProject", ns, String.valueOf(project), "spec.project"));
        }
        boolean createsNamespace =
            Plain.strings(Plain.map(spec.get("syncPolicy")).get("syncOptions"))
                .contains("CreateNamespace=true");
        if (!createsNamespace) {
          named(
              "",
              "Namespace",
              Plain.map(spec.get("destination")).get("namespace"),
              "spec.destination.namespace",
              refs);
        }
      }
      default -> {}
    }
    return refs;
  }

  /** References of a pod spec: service account, pull secrets, volumes and environment. */
  static void pod(String ns, Map<String, Object> pod, List<Reference> refs) {
    Object sa = pod.get("serviceAccountName");
    if (sa != null) {
      refs.add(new Reference("ServiceAccount", ns, String.valueOf(sa), "serviceAccountName"));
    }
    for (Object s : Plain.list(pod.get("imagePullSecrets"))) {
      named(ns, "Secret", Plain.map(s).get("name"), "imagePullSecrets", refs);
    }
    for (Object v : Plain.list(pod.get("volumes"))) {
      Map<String, Object> volume = Plain.map(v);
      selector(ns, "Secret", volume.get("secret"), "secretName", "volumes.secret", refs);
      selector(ns, "ConfigMap", volume.get("configMap"), "name", "volumes.configMap", refs);
      for (Object source : Plain.list(Plain.map(volume.get("projected")).get("sources"))) {
        selector(
            ns,
            "Secret",
            Plain.map(source).get("secret"),
            "name",
            "volumes.projected.secret",
            refs);
        selector(
            ns,
            "ConfigMap",
            Plain.map(source).get("configMap"),
            "name",
            "volumes.projected.configMap",
            refs);
      }
      Map<String, Object> claim = Plain.map(volume.get("persistentVolumeClaim"));
      named(
          ns,
          "PersistentVolumeClaim",
          claim.get("claimName"),
          "volumes.persistentVolumeClaim",
          refs);
      Map<String, Object> csi = Plain.map(volume.get("csi"));
      if ("secrets-store.csi.k8s.io".equals(csi.get("driver"))) {
        named(
            ns,
            "SecretProviderClass",
            Plain.map(csi.get("volumeAttributes")).get("secretProviderClass"),
            "volumes.csi",
            refs);
      }
    }
    List<Object> containers = new ArrayList<>(Plain.list(pod.get("containers")));
    containers.addAll(Plain.list(pod.get("initContainers")));
    for (Object c : containers) {
      container(ns, Plain.map(c), refs);
    }
  }

  private static void container(String ns, Map<String, Object> c, List<Reference> refs) {
    for (Object e : Plain.list(c.get("env"))) {
      Map<String, Object> from = Plain.map(Plain.map(e).get("valueFrom"));
      selector(ns, "Secret", from.get("secretKeyRef"), "name", "env.valueFrom.secretKeyRef", refs);
      selector(
          ns,
          "ConfigMap",
          from.get("configMapKeyRef"),
          "name",
          "env.valueFrom.configMapKeyRef",
          refs);
    }
    for (Object e : Plain.list(c.get("envFrom"))) {
      selector(ns, "Secret", Plain.map(e).get("secretRef"), "name", "envFrom.secretRef", refs);
      selector(
          ns, "ConfigMap", Plain.map(e).get("configMapRef"), "name", "envFrom.configMapRef", refs);
    }
  }

  /**
   * An unset class means the cluster's default class, which every cluster the platform targets has.
   */
  private static void storageClass(Map<String, Object> spec, String field, List<Reference> refs) {
    Object name = spec.get("storageClassName");
    if (name != null && !String.valueOf(name).isEmpty()) {
      refs.add(new Reference("StorageClass", "", String.valueOf(name), field));
    }
  }

  private static void ingress(String ns, Map<String, Object> spec, List<Reference> refs) {
    List<Object> backends = new ArrayList<>();
    backends.add(spec.get("defaultBackend"));
    for (Object rule : Plain.list(spec.get("rules"))) {
      for (Object path : Plain.list(Plain.map(Plain.map(rule).get("http")).get("paths"))) {
        backends.add(Plain.map(path).get("backend"));
      }
    }
    for (Object b : backends) {
      named(
          ns,
          "Service",
          Plain.map(Plain.map(b).get("service")).get("name"),
          "backend.service",
          refs);
    }
    for (Object tls : Plain.list(spec.get("tls"))) {
      named(ns, "Secret", Plain.map(tls).get("secretName"), "tls.secretName", refs);
    }
  }

  /** What the Prometheus operator mounts or reads for a Prometheus or Alertmanager resource. */
  private static void operated(String ns, Map<String, Object> spec, List<Reference> refs) {
    for (String s : Plain.strings(spec.get("secrets"))) {
      refs.add(new Reference("Secret", ns, s, "spec.secrets"));
    }
    for (String c : Plain.strings(spec.get("configMaps"))) {
      refs.add(new Reference("ConfigMap", ns, c, "spec.configMaps"));
    }
    named(ns, "Secret", spec.get("configSecret"), "spec.configSecret", refs);
    named(ns, "ServiceAccount", spec.get("serviceAccountName"), "spec.serviceAccountName", refs);
    selector(
        ns,
        "Secret",
        Plain.map(spec.get("thanos")).get("objectStorageConfig"),
        "name",
        "spec.thanos.objectStorageConfig",
        refs);
    selector(
        ns,
        "Secret",
        spec.get("additionalScrapeConfigs"),
        "name",
        "spec.additionalScrapeConfigs",
        refs);
    for (Object s : Plain.list(spec.get("imagePullSecrets"))) {
      named(ns, "Secret", Plain.map(s).get("name"), "spec.imagePullSecrets", refs);
    }
    storageClass(
        Plain.map(Plain.dig(spec, List.of("storage", "volumeClaimTemplate", "spec"))),
        "spec.storage.volumeClaimTemplate.spec.storageClassName",
        refs);
    Map<String, Object> podSpec = Map.of("volumes", Plain.list(spec.get("volumes")));
    pod(ns, podSpec, refs);
  }

  /** The object a selector names under {@code key}, unless the selector is optional. */
  private static void selector(
      String ns, String kind, Object selector, String key, String field, List<Reference> refs) {
    Map<String, Object> map = Plain.map(selector);
    if (!optional(map)) {
      named(ns, kind, map.get(key), field, refs);
    }
  }

  private static boolean optional(Map<String, Object> selector) {
    return Boolean.TRUE.equals(selector.get("optional"));
  }

  private static void named(
      String ns, String kind, Object name, String field, List<Reference> refs) {
    if (name != null && !String.valueOf(name).isEmpty()) {
      refs.add(new Reference(kind, ns, String.valueOf(name), field));
    }
  }
}
