package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Poll;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A probe request's trace reaches Tempo, with a span named after the route (METHOD /route). */
public final class TraceProbe extends TracedProbe {
  /** With the trace ids to send ({@code Traced::newTraceId} outside tests). */
  public TraceProbe(java.util.function.Supplier<String> traceIds) {
    super(traceIds);
  }

  @Override
  ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    Traced request = Traced.send(ctx, ingress, nextTraceId());
    String expected = "GET " + ingress.path();
    Endpoint tempo = ctx.facts().monitoring().tempo().orElseThrow();
    Optional<List<String>> spans =
        Poll.until(
            ctx.timing(),
            () ->
                ctx.proxy()
                    .find(tempo, "/api/traces/" + request.traceId())
                    .map(body -> spanNames(Json.readTree(body)))
                    .filter(names -> names.contains(expected)));
    if (spans.isPresent()) {
      return ProbeResult.pass(
          request.describe(), "Tempo has the trace with span \"" + expected + "\"");
    }
    List<String> seen =
        ctx.proxy()
            .find(tempo, "/api/traces/" + request.traceId())
            .map(body -> spanNames(Json.readTree(body)))
            .orElse(List.of());
    return ProbeResult.fail(
        request.describe(),
        seen.isEmpty()
            ? "Tempo has no trace "
                + request.traceId()
                + " after "
                + ctx.timing().patience().toSeconds()
                + " s"
            : "the trace has no span \"" + expected + "\", only " + seen);
  }

  /** Every span name of a Tempo trace (OTLP JSON: batches or resourceSpans, scopeSpans). */
  static List<String> spanNames(JsonNode trace) {
    List<String> names = new ArrayList<>();
    for (String top : List.of("batches", "resourceSpans")) {
      for (JsonNode resource : trace.path(top)) {
        for (String scope : List.of("scopeSpans", "instrumentationLibrarySpans")) {
          for (JsonNode s : resource.path(scope)) {
            for (JsonNode span : s.path("spans")) {
              names.add(span.path("name").asString(""));
            }
          }
        }
      }
    }
    return names;
  }
}
