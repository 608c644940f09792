package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service cannot talk to the API server as itself: its ServiceAccount does not automount a
 * token, and no running Pod of the service has an API token (the kube-api-access projection, or
 * anything mounted at the service-account path). Tokens for other audiences (Istio's istio-ca) are
 * fine.
 */
public final class TokenAutomountProbe implements Probe.Check {
  static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  @Override
  public ProbeResult run(ProbeContext ctx) {
    PlatformFacts.Service service = ctx.service();
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    ServiceAccount account =
        ctx.client()
            .serviceAccounts()
            .inNamespace(service.namespace())
            .withName(service.serviceAccount())
            .get();
    if (account == null) {
      held = false;
      evidence.add("no ServiceAccount " + service.namespace() + "/" + service.serviceAccount());
    } else {
      boolean off = Boolean.FALSE.equals(account.getAutomountServiceAccountToken());
      held &= off;
      evidence.add(
          "ServiceAccount "
              + service.serviceAccount()
              + " automountServiceAccountToken: "
              + account.getAutomountServiceAccountToken());
    }
    List<Pod> pods = ServicePods.ofService(ctx);
    if (pods.isEmpty()) {
      return ServicePods.noneRunning(service);
    }
    for (Pod pod : pods) {
      Optional<String> token = apiToken(pod);
      held &= token.isEmpty();
      evidence.add(
          pod.getMetadata().getName()
              + token.map(t -> ": HAS an API token (" + t + ")").orElse(": no API token"));
    }
    return ProbeResult.of(held, evidence);
  }

  /** Where a Pod gets an API-server token, if it does. */
  static Optional<String> apiToken(Pod pod) {
    for (Container c : ServicePods.containers(pod)) {
      for (VolumeMount m : Optional.ofNullable(c.getVolumeMounts()).orElse(List.of())) {
        if (TOKEN_PATH.equals(m.getMountPath())) {
          return Optional.of(c.getName() + " mounts " + m.getName() + " at " + TOKEN_PATH);
        }
      }
    }
    for (Volume v : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
      if (v.getProjected() == null || v.getProjected().getSources() == null) {
        continue;
      }
      for (VolumeProjection p : v.getProjected().getSources()) {
        if (p.getServiceAccountToken() != null
            && (p.getServiceAccountToken().getAudience() == null
                || p.getServiceAccountToken().getAudience().isBlank())) {
          return Optional.of("volume " + v.getName() + " projects a token for the API server");
        }
      }
    }
    return Optional.empty();
  }
}
