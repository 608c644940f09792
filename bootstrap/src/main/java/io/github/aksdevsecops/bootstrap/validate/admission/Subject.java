package io.github.aksdevsecops.bootstrap.validate.admission;

import java.util.Map;

/**
 * What admission sees of a workload: the object Kyverno evaluates (a controller with its pod
 * template, or a Pod), its labels and those of its namespace, and the Pod it stands for.
 */
record Subject(
    String kind,
    String namespace,
    String name,
    Map<String, String> labels,
    Map<String, String> namespaceLabels,
    Map<String, Object> pod) {

  Subject {
    labels = Map.copyOf(labels);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  /**
   * The rule name Kyverno evaluates for this object: the Pod rule itself, or the rule it generates
   * for controllers ({@code autogen-} for Deployments and the like, {@code autogen-cronjob-}).
   */
  String ruleName(String podRule) {
    return switch (kind) {
      case "Pod" -> podRule;
      case "CronJob" -> "autogen-cronjob-" + podRule;
      default -> "autogen-" + podRule;
    };
  }
}
