package io.github.aksdevsecops.bootstrap.assets;

import java.util.Map;

/**
 * Pods that will run in a namespace with these labels, and where that is declared: a workload
 * manifest of the repository, or a chart's pod labels in the catalog.
 */
public record Workload(String namespace, Map<String, String> labels, String declaredBy) {
  public Workload {
    labels = Map.copyOf(labels);
  }

  /** Whether a label selector ({@code matchLabels}) selects these pods. */
  public boolean selectedBy(String namespace, Map<String, String> matchLabels) {
    return this.namespace.equals(namespace)
        && labels.entrySet().containsAll(matchLabels.entrySet());
  }
}
