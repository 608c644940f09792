package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One environment file. {@code azure} is empty for {@code kind}, which uses the current kube
 * context named {@code kubeContext}. {@code components} switches catalog entries on or off (absent
 * means on). {@code protectedEnvironment} requires a typed confirmation or --yes. {@code
 * forkSettings} are the placeholders a fork replaces before the environment is real; {@code
 * provided} the objects the render refers to that the cluster itself provides. {@code capacity},
 * where declared, bounds the sum of the requests of every pod the platform runs. {@code basedOn}
 * names another environment whose per-environment files this one takes first: a chart's environment
 * values file of the base environment, then this environment's own where the catalog names one for
 * it (a simulated cluster that is kind plus a few differences).
 */
public record Environment(
    String name,
    Path file,
    Optional<AzureTarget> azure,
    String kubeContext,
    String kubernetesVersion,
    Map<String, Boolean> components,
    Map<String, String> toolVersions,
    boolean protectedEnvironment,
    java.util.List<ForkSetting> forkSettings,
    java.util.List<Provided> provided,
    Optional<Capacity> capacity,
    Optional<String> basedOn,
    boolean simulatedNodes) {
  public Environment {
    provided = java.util.List.copyOf(provided);
    components = Map.copyOf(components);
    toolVersions = Map.copyOf(toolVersions);
    forkSettings = java.util.List.copyOf(forkSettings);
  }

  /**
   * The environment names whose files this environment uses, in the order they are laid over each
   * other: the base environment first, then this one.
   */
  public java.util.List<String> layers() {
    return basedOn.map(b -> java.util.List.of(b, name)).orElse(java.util.List.of(name));
  }

  public boolean enables(String componentId) {
    return components.getOrDefault(componentId, Boolean.TRUE);
  }
}
