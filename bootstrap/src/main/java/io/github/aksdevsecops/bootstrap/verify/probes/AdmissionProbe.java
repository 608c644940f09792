package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.PodSpecs;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One Enforce rule of a Kyverno ClusterPolicy: a Pod that breaks only that rule is refused with a
 * message naming the policy and rule, and the same Pod without the violation is admitted (both as
 * server-side dry runs in the sandbox namespace).
 */
public final class AdmissionProbe implements Probe.Check {
  private final String policy;
  private final String rule;
  private final String violation;
  private final BiConsumer<Pod, PlatformFacts.Policy> violate;

  /**
   * @param violation what the violating Pod does, in words
   * @param violate turns a compliant Pod into one that breaks the rule
   */
  public AdmissionProbe(
      String policy, String rule, String violation, BiConsumer<Pod, PlatformFacts.Policy> violate) {
    this.policy = policy;
    this.rule = rule;
    this.violation = violation;
    this.violate = violate;
  }

  /** The control of a probe of this policy rule, for the catalogue. */
  public String control() {
    return "Kyverno " + policy + "/" + rule + " (kubernetes/security/kyverno/policies)";
  }

  public String policy() {
    return policy;
  }

  public String rule() {
    return rule;
  }

  @Override
  public ProbeResult run(ProbeContext ctx) {
    Optional<PlatformFacts.Policy> declared =
        Optional.ofNullable(ctx.facts().policies().get(policy));
    if (declared.isEmpty() || !declared.get().rules().contains(rule)) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED,
          "the environment's manifests ("
              + ctx.facts().manifests()
              + ") declare no rule "
              + policy
              + "/"
              + rule);
    }
    if (!declared.get().enforced()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, policy + " is Audit, not Enforce, in " + ctx.facts().manifests());
    }
    String ns = ctx.sandbox().namespace();
    String image = ctx.sandbox().image().reference();
    Pod compliant = PodSpecs.compliant(ns, "verify-admitted", image, ctx.sandbox().labels());
    Pod bad = PodSpecs.compliant(ns, "verify-" + rule, image, ctx.sandbox().labels());
    violate.accept(bad, declared.get());
    Optional<String> refused = DryRun.denial(ctx.client(), bad);
    Optional<String> admitted = DryRun.denial(ctx.client(), compliant);
    boolean named = refused.map(m -> m.contains(policy) && m.contains(rule)).orElse(false);
    return ProbeResult.of(
        named && admitted.isEmpty(),
        List.of(
            refused
                .map(
                    m ->
                        (named ? "refused" : "refused, but not by " + policy + "/" + rule)
                            + " a Pod that "
                            + violation
                            + ": "
                            + m)
                .orElse("ADMITTED a Pod that " + violation + " (server-side dry run)"),
            admitted
                .map(m -> "REFUSED the compliant Pod too: " + m)
                .orElse("admitted the compliant Pod " + image + " (server-side dry run)")));
  }

  /** The first container, which every probe Pod has. */
  static Container container(Pod pod) {
    return pod.getSpec().getContainers().get(0);
  }
}
