package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.github.aksdevsecops.bootstrap.verify.PodSpecs;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * In every namespace the repository labels {@code pod-security.kubernetes.io/enforce: restricted},
 * a Pod on the host network and a Pod mounting a host path are refused by Pod Security Admission
 * (server-side dry runs; the Pods are otherwise compliant).
 */
public final class PodSecurityProbe implements Probe.Check {
  static final String MARK = "violates PodSecurity";

  @Override
  public ProbeResult run(ProbeContext ctx) {
    List<String> namespaces = ctx.facts().restrictedNamespaces();
    if (namespaces.isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, "no namespace of the environment enforces restricted");
    }
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    String image = ctx.sandbox().image().reference();
    for (String ns : namespaces) {
      Pod hostNetwork =
          PodSpecs.compliant(ns, "verify-host-network", image, ctx.sandbox().labels());
      hostNetwork.getSpec().setHostNetwork(true);
      Pod hostPath = PodSpecs.compliant(ns, "verify-host-path", image, ctx.sandbox().labels());
      hostPath
          .getSpec()
          .getVolumes()
          .add(
              new VolumeBuilder()
                  .withName("host")
                  .withNewHostPath()
                  .withPath("/etc")
                  .endHostPath()
                  .build());
      held &= check(ctx, ns, "on the host network", hostNetwork, evidence);
      held &= check(ctx, ns, "mounting the host's /etc", hostPath, evidence);
    }
    return ProbeResult.of(held, evidence);
  }

  private static boolean check(
      ProbeContext ctx, String ns, String what, Pod pod, List<String> evidence) {
    Optional<String> refused = DryRun.denial(ctx.client(), pod);
    boolean byPss = refused.map(m -> m.contains(MARK)).orElse(false);
    evidence.add(
        ns
            + ": a Pod "
            + what
            + refused
                .map(m -> byPss ? " was refused: " + m : " was refused, not by Pod Security: " + m)
                .orElse(" was ADMITTED (server-side dry run)"));
    return byPss;
  }
}
