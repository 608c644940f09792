package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Prometheus has at least one active target of the service's job, and every one is up. */
public final class PrometheusTargetProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) {
    String job = ctx.service().job();
    JsonNode answer = ctx.proxy().json(Prometheus.endpoint(ctx), "/api/v1/targets?state=active");
    List<String> evidence = new ArrayList<>();
    boolean allUp = true;
    for (JsonNode target : answer.path("data").path("activeTargets")) {
      if (!job.equals(target.path("labels").path("job").asString(""))) {
        continue;
      }
      String health = target.path("health").asString("");
      allUp &= "up".equals(health);
      String error = target.path("lastError").asString("");
      evidence.add(
          target.path("scrapeUrl").asString("")
              + " "
              + health
              + (error.isEmpty() ? "" : " (" + error + ")"));
    }
    if (evidence.isEmpty()) {
      return ProbeResult.fail("Prometheus has no active target of job " + job);
    }
    return ProbeResult.of(allUp, evidence);
  }
}
