package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.util.List;

/**
 * One step of the rendered platform: the YAML apply would send for it (empty for Terraform and
 * credentials, which send no Kubernetes objects) and the repository files it was made from.
 */
public record RenderedStep(PlannedStep step, String yaml, List<String> sources) {
  public RenderedStep {
    sources = List.copyOf(sources);
  }
}
