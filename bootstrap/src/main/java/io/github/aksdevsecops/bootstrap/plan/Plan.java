package io.github.aksdevsecops.bootstrap.plan;

import io.github.aksdevsecops.bootstrap.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ordered plan: layers of steps; a step only depends on steps of earlier layers. */
public record Plan(Environment environment, List<List<PlannedStep>> layers, List<String> skipped) {
  public Plan {
    layers = List.copyOf(layers.stream().map(List::copyOf).toList());
    skipped = List.copyOf(skipped);
  }

  public List<PlannedStep> steps() {
    List<PlannedStep> all = new ArrayList<>();
    layers.forEach(all::addAll);
    return all;
  }

  public Optional<PlannedStep> step(String id) {
    return steps().stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
