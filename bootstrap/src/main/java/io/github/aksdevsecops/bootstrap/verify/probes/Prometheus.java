package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Prometheus's HTTP API through the service proxy. */
final class Prometheus {
  private Prometheus() {}

  static Endpoint endpoint(ProbeContext ctx) {
    return ctx.facts()
        .monitoring()
        .prometheus()
        .orElseThrow(() -> new IllegalStateException("the catalog has no Prometheus"));
  }

  /** The samples of an instant query: each as "labels value". */
  static List<String> query(ProbeContext ctx, String promql) {
    JsonNode answer =
        ctx.proxy()
            .json(
                endpoint(ctx),
                "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asString(""))) {
      throw new IllegalStateException(
          "Prometheus refused " + promql + ": " + answer.path("error").asString(""));
    }
    List<String> samples = new ArrayList<>();
    for (JsonNode r : answer.path("data").path("result")) {
      samples.add(r.path("metric").toString() + " " + r.path("value").path(1).asString(""));
    }
    return samples;
  }
}
