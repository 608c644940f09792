package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every response of the public host carries the security headers the ingress controller's values
 * add, with their values, and HSTS with the configured max-age.
 */
public final class IngressHeadersProbe extends IngressProbe {

  @Override
  ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    HttpReply reply = ctx.curl().request(ingress.url(ingress.path()), Ingresses.options(ingress));
    if (!reply.answered()) {
      return ProbeResult.fail(ingress.url(ingress.path()) + ": " + reply.describe());
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(ingress.url(ingress.path()) + ": " + reply.describe());
    boolean held = true;
    for (Map.Entry<String, String> expected : ingress.headers().entrySet()) {
      Optional<String> actual = reply.header(expected.getKey());
      boolean ok =
          actual
              .map(
                  v ->
                      expected.getKey().equalsIgnoreCase("Strict-Transport-Security")
                          ? v.startsWith(expected.getValue())
                          : v.equals(expected.getValue()))
              .orElse(false);
      held &= ok;
      if (!ok) {
        evidence.add(
            expected.getKey()
                + ": "
                + actual.map(v -> "'" + v + "'").orElse("MISSING")
                + ", expected '"
                + expected.getValue()
                + "'");
      }
    }
    if (held) {
      evidence.add(
          "all " + ingress.headers().size() + " headers present: " + ingress.headers().keySet());
    }
    return ProbeResult.of(held, evidence);
  }
}
