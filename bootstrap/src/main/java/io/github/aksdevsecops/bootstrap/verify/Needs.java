package io.github.aksdevsecops.bootstrap.verify;

import java.util.List;

/**
 * What a probe needs: catalog components switched on for the environment, the service (the app an
 * Argo CD Application delivers), which probe Pods it works from (so they are started early), and
 * whether it needs containers that really run (a probe Pod, or the platform's own processes
 * answering): on simulated nodes only what the API server decides can be probed.
 */
public record Needs(
    List<String> components, boolean service, boolean pod, boolean meshedPod, boolean running) {
  public Needs {
    components = List.copyOf(components);
  }

  public static Needs of(String... components) {
    return new Needs(List.of(components), false, false, false, false);
  }

  /** These needs and some more components. */
  public Needs andComponents(String... more) {
    java.util.List<String> all = new java.util.ArrayList<>(components);
    all.addAll(List.of(more));
    return new Needs(all, service, pod, meshedPod, running);
  }

  public Needs andService() {
    return new Needs(components, true, pod, meshedPod, running);
  }

  public Needs fromPod() {
    return new Needs(components, service, true, meshedPod, true);
  }

  public Needs fromMeshedPod() {
    return new Needs(components, service, true, true, true);
  }

  /** The platform's own processes must run and answer (Prometheus, Argo CD's controller, ...). */
  public Needs onRunningNodes() {
    return new Needs(components, service, pod, meshedPod, true);
  }
}
