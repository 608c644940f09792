package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * No Pod in the service's namespace reads a Secret it does not need: the service's Pods only those
 * their pod template in the repository declares, any other Pod none at all.
 */
public final class SecretMountsProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) {
    PlatformFacts.Service service = ctx.service();
    List<Pod> pods = ServicePods.all(ctx);
    if (pods.stream().noneMatch(p -> ServicePods.selected(p, service))) {
      return ServicePods.noneRunning(service);
    }
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    for (Pod pod : pods) {
      Set<String> extra = new LinkedHashSet<>(ServicePods.secrets(pod));
      if (ServicePods.selected(pod, service)) {
        extra.removeAll(service.declaredSecrets());
      }
      if (!extra.isEmpty()) {
        held = false;
        evidence.add(pod.getMetadata().getName() + " reads Secrets it does not declare: " + extra);
      }
    }
    if (held) {
      evidence.add(
          pods.size()
              + " Pods in "
              + service.namespace()
              + " read only declared Secrets "
              + service.declaredSecrets());
    }
    return ProbeResult.of(held, evidence);
  }
}
