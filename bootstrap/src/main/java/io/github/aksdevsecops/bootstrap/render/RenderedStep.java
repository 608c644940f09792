package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.util.List;
import java.util.Optional;

/**
 * One step of the rendered platform: the YAML apply would send for it (empty for Terraform and
 * credentials, which send no Kubernetes objects) and the repository files it was made from. A step
 * {@link #syncedBy synced by} an Argo CD Application is what Argo CD syncs from this repository
 * once an earlier step has delivered the Application: it is rendered and validated like the others,
 * but it is no step of the plan, so apply never sends it and destroy never removes it.
 */
public record RenderedStep(
    PlannedStep step, String yaml, List<String> sources, Optional<ArgoSync> syncedBy) {
  public RenderedStep {
    sources = List.copyOf(sources);
  }

  public RenderedStep(PlannedStep step, String yaml, List<String> sources) {
    this(step, yaml, sources, Optional.empty());
  }

  /** The Application (namespace/name) whose source this is, and its destination namespace. */
  public record ArgoSync(String application, String destinationNamespace) {}

  /** Whether Argo CD, not bootstrap, puts the step's objects into the cluster. */
  public boolean argoSynced() {
    return syncedBy.isPresent();
  }
}
