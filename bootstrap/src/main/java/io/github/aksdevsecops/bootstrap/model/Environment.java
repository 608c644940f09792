package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One environment file. {@code azure} is empty for {@code kind}, which uses the current kube
 * context named {@code kubeContext}. {@code components} switches catalog entries on or off (absent
 * means on). {@code protectedEnvironment} requires a typed confirmation or --yes.
 */
public record Environment(
    String name,
    Path file,
    Optional<AzureTarget> azure,
    String kubeContext,
    String kubernetesVersion,
    Map<String, Boolean> components,
    Map<String, String> toolVersions,
    boolean protectedEnvironment) {
  public Environment {
    components = Map.copyOf(components);
    toolVersions = Map.copyOf(toolVersions);
  }

  public boolean enables(String componentId) {
    return components.getOrDefault(componentId, Boolean.TRUE);
  }
}
