package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;

/** A probe of the service's public entry point; SKIPPED when the service has no Ingress. */
abstract class IngressProbe implements Probe.Check {

  @Override
  public final ProbeResult run(ProbeContext ctx) throws InterruptedException {
    if (ctx.service().ingress().isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED,
          "the environment's manifests declare no Ingress in " + ctx.service().namespace());
    }
    return run(ctx, ctx.ingress());
  }

  abstract ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress)
      throws InterruptedException;
}
