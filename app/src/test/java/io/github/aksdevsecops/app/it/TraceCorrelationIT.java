package io.github.aksdevsecops.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.RunningJar;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar with the OpenTelemetry agent (logging exporter) and proves: inbound W3C
 * traceparent is honoured, server spans are named by route template, and the JSON log lines written
 * while serving a request carry that request's trace id.
 */
class TraceCorrelationIT {

  private static final String TRACE_POST = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACE_GET = "0af7651916cd43dd8448eb211c80319c";

  @Test
  @SuppressWarnings("unchecked")
  void spansAreNamedByRouteAndLogsCarryTheirTraceId() throws IOException {
    List<String> jvm =
        List.of(
            "-javaagent:" + System.getProperty("otel.agent.jar"),
            "-Dotel.traces.exporter=logging",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.service.name=devsecops-app");
    // The trimmed instrumentation set of the image (app/pom.xml, Jib <environment>).
    Map<String, String> trimmed =
        Map.of(
            "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false",
            "OTEL_INSTRUMENTATION_NETTY_ENABLED", "true",
            "OTEL_INSTRUMENTATION_EXECUTORS_ENABLED", "true",
            "OTEL_INSTRUMENTATION_LOGBACK_MDC_ENABLED", "true",
            "OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "true",
            "OTEL_INSTRUMENTATION_OPENTELEMETRY_API_ENABLED", "true",
            "OTEL_INSTRUMENTATION_OPENTELEMETRY_INSTRUMENTATION_API_ENABLED", "true");
    try (RunningJar app = RunningJar.start(jvm, trimmed)) {
      HttpResponse<String> created =
          Http.send(
              Http.request(app.base(), "/api/v1/items")
                  .POST(BodyPublishers.ofString("{\"name\":\"traced\"}"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + Jwks.get().token("items.write"))
                  .header("traceparent", "00-" + TRACE_POST + "-00f067aa0ba902b7-01"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id =
          (String) JsonMapper.createDefault().readValue(created.body(), Map.class).get("id");

      HttpResponse<String> read =
          Http.send(
              Http.request(app.base(), "/api/v1/items/" + id)
                  .GET()
                  .header("Authorization", "Bearer " + Jwks.get().token("items.read"))
                  .header("traceparent", "00-" + TRACE_GET + "-b7ad6b7169203331-01"));
      assertThat(read.statusCode()).isEqualTo(200);

      String out =
          app.awaitOutput("'GET /api/v1/items/{id}' : " + TRACE_GET, Duration.ofSeconds(30));
      assertThat(out).contains("'POST /api/v1/items' : " + TRACE_POST);

      JsonMapper json = JsonMapper.createDefault();
      boolean correlated = false;
      for (String line : out.lines().toList()) {
        if (line.startsWith("[otel.javaagent")
            || line.startsWith("OpenJDK 64-Bit Server VM warning")) {
          continue; // the agent's and the JVM's own diagnostics, and the logging exporter
        }
        Map<String, Object> record = json.readValue(line, Map.class);
        assertThat(record.containsKey("trace_id") && record.containsKey("span_id"))
            .as(line)
            .isTrue();
        if (String.valueOf(record.get("message")).startsWith("item created id=" + id)) {
          assertThat(record.get("trace_id")).as(line).isEqualTo(TRACE_POST);
          assertThat(String.valueOf(record.get("span_id")).length()).as(line).isEqualTo(16);
          correlated = true;
        }
      }
      assertThat(correlated).as("no audit line for the created item:\n" + out).isTrue();
    }
  }
}
