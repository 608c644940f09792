package io.github.aksdevsecops.bootstrap.assets;

import java.util.Map;
import java.util.Optional;

/** A Kubernetes object read from the repository, with the node it came from (file:line). */
public record KubeObject(
    String apiVersion, String kind, String name, String namespace, YamlNode node) {

  private static final java.util.Set<String> CLUSTER_SCOPED =
      java.util.Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "ClusterPolicy",
          "ClusterCleanupPolicy",
          "ClusterIssuer",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "PriorityClass",
          "StorageClass",
          "IngressClass",
          "PersistentVolume");

  public boolean clusterScoped() {
    return CLUSTER_SCOPED.contains(kind);
  }

  public String describe() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }

  /** Labels of the pod template of a workload, if this object is one. */
  public Optional<Map<String, String>> podTemplateLabels() {
    if (!java.util.Set.of("Deployment", "StatefulSet", "DaemonSet", "Rollout", "ReplicaSet")
        .contains(kind)) {
      return Optional.empty();
    }
    return node.optional("spec")
        .flatMap(s -> s.optional("template"))
        .flatMap(t -> t.optional("metadata"))
        .flatMap(m -> m.optional("labels"))
        .map(YamlNode::textMap);
  }

  static KubeObject of(YamlNode doc, String namespaceOverride) {
    String apiVersion = doc.requiredText("apiVersion");
    String kind = doc.requiredText("kind");
    YamlNode metadata = doc.required("metadata");
    String name = metadata.requiredText("name");
    String namespace = metadata.optionalText("namespace").orElse(null);
    KubeObject object = new KubeObject(apiVersion, kind, name, namespace, doc);
    if (object.clusterScoped()) {
      return new KubeObject(apiVersion, kind, name, null, doc);
    }
    if (namespaceOverride != null) {
      return new KubeObject(apiVersion, kind, name, namespaceOverride, doc);
    }
    return object;
  }
}
