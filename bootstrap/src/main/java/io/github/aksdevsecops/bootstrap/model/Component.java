package io.github.aksdevsecops.bootstrap.model;

import java.util.Map;

/**
 * One catalog entry. {@code dependsOn} maps each prerequisite to the reason it is one; the plan
 * shows the reason next to the edge. {@code inputs} names earlier steps' outputs that a chart's
 * values files or a kustomization's objects write as {@code ${NAME}}.
 */
public record Component(
    String id,
    String description,
    ComponentSpec spec,
    Map<String, String> dependsOn,
    Waits waits,
    Source source,
    Map<String, OutputRef> inputs) {
  public Component {
    dependsOn = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependsOn));
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
  }

  public Component(
      String id,
      String description,
      ComponentSpec spec,
      Map<String, String> dependsOn,
      Waits waits,
      Source source) {
    this(id, description, spec, dependsOn, waits, source, Map.of());
  }
}
