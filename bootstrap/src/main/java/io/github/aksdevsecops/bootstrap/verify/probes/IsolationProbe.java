package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.Curl;
import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * From a Pod in another namespace, the listed endpoints cannot even be connected to: a connection
 * that is made and then closed is a FAIL too (a NetworkPolicy drops packets, it does not answer).
 */
public final class IsolationProbe implements Probe.Check {
  /** One endpoint that must stay out of reach. */
  public record Target(String name, String url) {}

  private final Function<PlatformFacts, List<Target>> targets;

  public IsolationProbe(Function<PlatformFacts, List<Target>> targets) {
    this.targets = targets;
  }

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    List<Target> list = targets.apply(ctx.facts());
    if (list.isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.COMPONENT_DISABLED, "none of the components to isolate is switched on");
    }
    Curl curl = ctx.curl();
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    for (Target t : list) {
      HttpReply reply = curl.get(t.url());
      boolean isolated = reply.noConnection();
      held &= isolated;
      evidence.add(
          t.name()
              + " "
              + t.url()
              + (isolated ? ": unreachable, " : ": REACHABLE, ")
              + reply.describe());
    }
    return ProbeResult.of(held, evidence);
  }
}
