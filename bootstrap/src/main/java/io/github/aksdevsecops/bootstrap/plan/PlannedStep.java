package io.github.aksdevsecops.bootstrap.plan;

import io.github.aksdevsecops.bootstrap.model.Component;
import java.util.Map;

/**
 * A step of the plan: the component, the layer it runs in (steps of one layer run in parallel) and
 * the steps it waits for, each with the reason. Dependencies through a switched-off component are
 * carried over to its own prerequisites.
 */
public record PlannedStep(Component component, int layer, Map<String, String> waitsFor) {
  /** The layer of a component the environment switches off: it never runs. */
  public static final int SWITCHED_OFF = -1;

  public PlannedStep {
    waitsFor = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(waitsFor));
  }

  public String id() {
    return component.id();
  }
}
