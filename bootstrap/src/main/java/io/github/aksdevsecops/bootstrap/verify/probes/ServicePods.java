package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The live Pods of the service's namespace and what they read of the cluster's Secrets. */
final class ServicePods {
  private ServicePods() {}

  static List<Pod> all(ProbeContext ctx) {
    return ctx.client().pods().inNamespace(ctx.service().namespace()).list().getItems();
  }

  /** Pods of the service's workload (its selector). */
  static List<Pod> ofService(ProbeContext ctx) {
    PlatformFacts.Service service = ctx.service();
    return all(ctx).stream().filter(p -> selected(p, service)).toList();
  }

  /** The repository delivers the service here, yet none of its Pods runs. */
  static ProbeResult noneRunning(PlatformFacts.Service service) {
    return ProbeResult.fail(
        "no Pod of " + service.name() + " runs in " + service.namespace() + ": nothing to inspect");
  }

  static boolean selected(Pod pod, PlatformFacts.Service service) {
    var labels = pod.getMetadata().getLabels();
    return labels != null
        && !service.selector().isEmpty()
        && service.selector().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Secrets a Pod mounts or reads: volumes, projected sources, env and envFrom. */
  static Set<String> secrets(Pod pod) {
    Set<String> names = new LinkedHashSet<>();
    for (Volume v : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
      if (v.getSecret() != null) {
        names.add(v.getSecret().getSecretName());
      }
      if (v.getProjected() != null && v.getProjected().getSources() != null) {
        for (VolumeProjection source : v.getProjected().getSources()) {
          if (source.getSecret() != null) {
            names.add(source.getSecret().getName());
          }
        }
      }
    }
    for (Container c : containers(pod)) {
      for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
          names.add(e.getValueFrom().getSecretKeyRef().getName());
        }
      }
      for (EnvFromSource e : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
        if (e.getSecretRef() != null) {
          names.add(e.getSecretRef().getName());
        }
      }
    }
    return names;
  }

  static List<Container> containers(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    all.addAll(Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of()));
    return all;
  }
}
