package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.PodShell;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.time.Duration;
import java.util.List;

/** Name resolution works from a Pod: the API server's Service name resolves through CoreDNS. */
public final class DnsProbe implements Probe.Check {
  static final String NAME = "kubernetes.default.svc.cluster.local";

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    PodShell.Result r =
        ctx.sandbox().probe().exec(Duration.ofSeconds(20), List.of("nslookup", NAME));
    boolean resolved = r.ok() && r.stdout().contains("Address") && r.stdout().contains(NAME);
    String output = (r.stdout() + " " + r.stderr()).strip().replaceAll("\\s+", " ");
    return ProbeResult.of(
        resolved, List.of("nslookup " + NAME + " (exit " + r.exitCode() + "): " + output));
  }
}
