package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.List;

/**
 * A meshed caller the AuthorizationPolicies do not list (the sandbox's service account) is denied
 * the service's API. The evidence says which layer denied it: Envoy's RBAC 403 is the
 * AuthorizationPolicy; a connection that never came about (the caller's sidecar answers 503
 * "upstream connect error") is the NetworkPolicy in front of it, which stops a foreign namespace
 * first by design.
 */
public final class UnlistedCallerProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    PlatformFacts.Service service = ctx.service();
    String path = service.ingress().map(PlatformFacts.Ingress::path).orElse("/");
    String url = service.http().url(path);
    HttpReply reply = ctx.meshedCurl().get(url);
    String layer;
    if (reply.status() == 403 && reply.body().contains("RBAC: access denied")) {
      layer = "denied by the AuthorizationPolicy (Envoy RBAC)";
    } else if (reply.noConnection()
        || (reply.status() == 503 && reply.body().contains("upstream connect error"))) {
      layer = "denied by the NetworkPolicy before the AuthorizationPolicy was reached";
    } else {
      layer = null;
    }
    return ProbeResult.of(
        layer != null,
        List.of(
            "GET "
                + url
                + " as spiffe identity of namespace "
                + ctx.sandbox().namespace()
                + ": "
                + (layer == null ? "NOT denied" : layer)
                + ", "
                + reply.describe()));
  }
}
