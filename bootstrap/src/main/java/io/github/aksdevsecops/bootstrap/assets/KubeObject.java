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

  /** Every kind that runs pods, and where its pod template sits. */
  public static final java.util.Map<String, java.util.List<String>> WORKLOAD_KINDS =
      java.util.Map.of(
          "Deployment", java.util.List.of("spec", "template"),
          "StatefulSet", java.util.List.of("spec", "template"),
          "DaemonSet", java.util.List.of("spec", "template"),
          "ReplicaSet", java.util.List.of("spec", "template"),
          "Rollout", java.util.List.of("spec", "template"),
          "Job", java.util.List.of("spec", "template"),
          "CronJob", java.util.List.of("spec", "jobTemplate", "spec", "template"),
          "Pod", java.util.List.of());

  public boolean isWorkload() {
    return WORKLOAD_KINDS.containsKey(kind);
  }

  /** The pod template of a workload (for a bare Pod, the Pod itself), if this object is one. */
  public Optional<YamlNode> podTemplate() {
    java.util.List<String> path = WORKLOAD_KINDS.get(kind);
    if (path == null) {
      return Optional.empty();
    }
    Optional<YamlNode> node = Optional.of(this.node);
    for (String key : path) {
      node = node.flatMap(n -> n.optional(key));
    }
    return node;
  }

  /** Labels of the pods of a workload, if this object is one. */
  public Optional<Map<String, String>> podTemplateLabels() {
    return podTemplate()
        .map(
            t ->
                t.optional("metadata")
                    .flatMap(m -> m.optional("labels"))
                    .map(YamlNode::textMap)
                    .orElse(Map.of()));
  }

  public static KubeObject of(YamlNode doc, String namespaceOverride) {
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
