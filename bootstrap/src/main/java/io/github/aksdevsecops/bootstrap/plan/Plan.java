package io.github.aksdevsecops.bootstrap.plan;

import io.github.aksdevsecops.bootstrap.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered plan: layers of steps; a step only depends on steps of earlier layers. {@code
 * switchedOff} holds the components the environment switches off, as steps that never run.
 */
public record Plan(
    Environment environment, List<List<PlannedStep>> layers, List<PlannedStep> switchedOff) {
  public Plan {
    layers = List.copyOf(layers.stream().map(List::copyOf).toList());
    switchedOff = List.copyOf(switchedOff);
  }

  public List<PlannedStep> steps() {
    List<PlannedStep> all = new ArrayList<>();
    layers.forEach(all::addAll);
    return all;
  }

  /** Ids of the switched-off components, in catalog order. */
  public List<String> skipped() {
    return switchedOff.stream().map(PlannedStep::id).toList();
  }

  public Optional<PlannedStep> step(String id) {
    return steps().stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
