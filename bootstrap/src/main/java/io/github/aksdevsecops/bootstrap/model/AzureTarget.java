package io.github.aksdevsecops.bootstrap.model;

import java.util.List;

/** The Azure side of an environment. */
public record AzureTarget(
    String subscriptionId,
    String location,
    List<String> zones,
    String namePrefix,
    List<String> keyVaults,
    List<NodePool> nodePools,
    List<String> resourceProviders) {
  public AzureTarget {
    zones = List.copyOf(zones);
    keyVaults = List.copyOf(keyVaults);
    nodePools = List.copyOf(nodePools);
    resourceProviders = List.copyOf(resourceProviders);
  }
}
