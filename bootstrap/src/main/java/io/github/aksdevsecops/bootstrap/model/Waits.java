package io.github.aksdevsecops.bootstrap.model;

import java.util.List;

/**
 * Readiness a step waits for: CRDs Established, Deployments ({@code namespace/name}) Available,
 * webhook Services ({@code namespace/name}) with a ready endpoint, i.e. answering admission calls.
 */
public record Waits(List<String> crds, List<String> deployments, List<String> webhooks) {
  public static final Waits NONE = new Waits(List.of(), List.of(), List.of());

  public Waits {
    crds = List.copyOf(crds);
    deployments = List.copyOf(deployments);
    webhooks = List.copyOf(webhooks);
  }

  public Waits(List<String> crds, List<String> deployments) {
    this(crds, deployments, List.of());
  }

  public boolean isEmpty() {
    return crds.isEmpty() && deployments.isEmpty() && webhooks.isEmpty();
  }
}
