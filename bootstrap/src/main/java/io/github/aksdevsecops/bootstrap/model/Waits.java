package io.github.aksdevsecops.bootstrap.model;

import java.util.List;

/**
 * Readiness a step waits for after it changed something: CRDs Established, Deployments ({@code
 * namespace/name}) Available.
 */
public record Waits(List<String> crds, List<String> deployments) {
  public static final Waits NONE = new Waits(List.of(), List.of());

  public Waits {
    crds = List.copyOf(crds);
    deployments = List.copyOf(deployments);
  }

  public boolean isEmpty() {
    return crds.isEmpty() && deployments.isEmpty();
  }
}
