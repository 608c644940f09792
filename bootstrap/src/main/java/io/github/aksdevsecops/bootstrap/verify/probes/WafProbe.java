package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.List;

/** A request carrying a script-injection payload is blocked at the edge with 403. */
public final class WafProbe extends IngressProbe {
  /** {@code <script>alert(1)</script>} in a query parameter: the Core Rule Set's XSS rules. */
  static final String PAYLOAD = "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E";

  @Override
  ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    if (!ingress.waf()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, "the service's Ingress does not enable ModSecurity");
    }
    String url = ingress.url(ingress.path() + PAYLOAD);
    HttpReply reply = ctx.curl().request(url, Ingresses.options(ingress));
    return ProbeResult.of(
        reply.status() == 403, List.of("GET " + url + " (script injection): " + reply.describe()));
  }
}
