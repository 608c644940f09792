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

/**
 * The service's JSON log lines reach Loki through Fluent Bit, and a probe request's line carries
 * its trace id in the {@code trace_id} field (so logs and traces link up).
 */
public final class LogsProbe extends TracedProbe {
  /** With the trace ids to send ({@code Traced::newTraceId} outside tests). */
  public LogsProbe(java.util.function.Supplier<String> traceIds) {
    super(traceIds);
  }

  @Override
  ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    Traced request = Traced.send(ctx, ingress, nextTraceId());
    Endpoint loki = ctx.facts().monitoring().loki().orElseThrow();
    String query =
        "{"
            + ctx.facts().monitoring().lokiNamespaceLabel()
            + "=\""
            + ctx.service().namespace()
            + "\"} |= \""
            + request.traceId()
            + "\"";
    Optional<String> line =
        Poll.until(
            ctx.timing(),
            () ->
                lines(
                        ctx.proxy()
                            .json(
                                loki,
                                "/loki/api/v1/query_range?since=10m&limit=5&query="
                                    + FalcoProbe.encode(query)))
                    .stream()
                    .filter(l -> traceId(l).filter(request.traceId()::equals).isPresent())
                    .findFirst());
    return line.map(
            l ->
                ProbeResult.pass(
                    request.describe(),
                    "Loki has a JSON line with trace_id " + request.traceId() + ": " + l))
        .orElseGet(
            () ->
                ProbeResult.fail(
                    request.describe(),
                    "no JSON line with trace_id "
                        + request.traceId()
                        + " in Loki after "
                        + ctx.timing().patience().toSeconds()
                        + " s ("
                        + query
                        + ")"));
  }

  static List<String> lines(JsonNode answer) {
    List<String> lines = new ArrayList<>();
    for (JsonNode stream : answer.path("data").path("result")) {
      for (JsonNode value : stream.path("values")) {
        lines.add(value.path(1).asString(""));
      }
    }
    return lines;
  }

  /** The trace_id field of a JSON line, at the top or under Fluent Bit's "log" key. */
  static Optional<String> traceId(String line) {
    try {
      JsonNode json = Json.readTree(line);
      String id = json.path("trace_id").asString(json.path("log").path("trace_id").asString(""));
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }
}
