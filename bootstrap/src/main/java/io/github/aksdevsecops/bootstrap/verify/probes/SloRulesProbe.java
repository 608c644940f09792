package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.ArrayList;
import java.util.List;

/** Every SLO recording rule of the repository has at least one sample in Prometheus. */
public final class SloRulesProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) {
    List<String> records = ctx.facts().monitoring().sloRecords();
    if (records.isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, "no PrometheusRule labelled app.kubernetes.io/component: slo");
    }
    List<String> missing = new ArrayList<>();
    for (String record : records) {
      if (Prometheus.query(ctx, "count(" + record + ")").isEmpty()) {
        missing.add(record);
      }
    }
    return ProbeResult.of(
        missing.isEmpty(),
        List.of(
            missing.isEmpty()
                ? "all " + records.size() + " SLO recording rules have samples"
                : "no samples for " + missing.size() + " of " + records.size() + ": " + missing));
  }
}
