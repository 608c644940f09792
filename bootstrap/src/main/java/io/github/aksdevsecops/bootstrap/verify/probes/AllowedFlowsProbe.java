package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flows the policies allow still work: a request through the ingress controller reaches the
 * service (its own answer, not the controller's 502/503/504 or a 403), and Prometheus scrapes the
 * service's management port (every {@code up} series of its job is 1).
 */
public final class AllowedFlowsProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    Optional<PlatformFacts.Ingress> ingress = ctx.service().ingress();
    if (ingress.isPresent()) {
      PlatformFacts.Ingress in = ingress.get();
      HttpReply reply = ctx.curl().request(in.url(in.path()), Ingresses.options(in));
      boolean reached = reachedService(reply);
      held &= reached;
      evidence.add(
          "ingress → service "
              + in.url(in.path())
              + (reached ? ": reached the service, " : ": DID NOT reach the service, ")
              + reply.describe());
    } else {
      evidence.add("ingress → service: the environment declares no Ingress for the service");
    }
    String job = ctx.service().job();
    List<String> up = Prometheus.query(ctx, "up{job=\"" + job + "\"}");
    boolean scraped = !up.isEmpty() && up.stream().allMatch(s -> s.endsWith(" 1"));
    held &= scraped;
    evidence.add(
        "Prometheus → management port: up{job=\""
            + job
            + "\"} "
            + (up.isEmpty() ? "has no series" : String.join(", ", up)));
    return ProbeResult.of(held, evidence);
  }

  /** An answer of the service itself: not a gateway error, not a WAF or mesh 403. */
  static boolean reachedService(HttpReply reply) {
    return reply.answered() && reply.status() < 500 && reply.status() != 403;
  }
}
