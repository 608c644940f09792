package io.github.aksdevsecops.bootstrap.model;

import java.util.Map;

/**
 * One catalog entry. {@code dependsOn} maps each prerequisite to the reason it is one; the plan
 * shows the reason next to the edge.
 */
public record Component(
    String id,
    String description,
    ComponentSpec spec,
    Map<String, String> dependsOn,
    Waits waits,
    Source source) {
  public Component {
    dependsOn = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependsOn));
  }
}
