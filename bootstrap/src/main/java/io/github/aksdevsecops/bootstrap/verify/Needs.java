package io.github.aksdevsecops.bootstrap.verify;

import java.util.List;

/**
 * What a probe needs: catalog components switched on for the environment, the service (the app an
 * Argo CD Application delivers), and which probe Pods it works from (so they are started early).
 */
public record Needs(List<String> components, boolean service, boolean pod, boolean meshedPod) {
  public Needs {
    components = List.copyOf(components);
  }

  public static Needs of(String... components) {
    return new Needs(List.of(components), false, false, false);
  }

  /** These needs and some more components. */
  public Needs andComponents(String... more) {
    java.util.List<String> all = new java.util.ArrayList<>(components);
    all.addAll(List.of(more));
    return new Needs(all, service, pod, meshedPod);
  }

  public Needs andService() {
    return new Needs(components, true, pod, meshedPod);
  }

  public Needs fromPod() {
    return new Needs(components, service, true, meshedPod);
  }

  public Needs fromMeshedPod() {
    return new Needs(components, service, true, true);
  }
}
