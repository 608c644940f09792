package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.RepoFacts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prometheus, Alertmanager, Tempo and Loki answering through the service proxy. */
@EnableKubernetesMockClient
class ObservabilityProbesTest extends ProbeTestBase {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  Endpoint prometheus() {
    return staging.monitoring().prometheus().orElseThrow();
  }

  static String query(String promql) {
    return "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
  }

  static String vector(String... values) {
    StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"result\":[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric\":{},\"value\":[1,\"").append(values[i]);
      sb.append("\"]}");
    }
    return sb.append("]}}").toString();
  }

  void targets(String health, String error) {
    api.proxy(
        prometheus(),
        "/api/v1/targets?state=active",
        200,
        "{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"labels\":{\"job\":\"devsecops-app\"},"
            + "\"scrapeUrl\":\"http://10.0.1.4:8081/prometheus\",\"health\":\""
            + health
            + "\",\"lastError\":\""
            + error
            + "\"},{\"labels\":{\"job\":\"other\"},\"health\":\"down\"}]}}");
  }

  @Test
  void targetPassesWhenEveryTargetOfTheJobIsUp() throws Exception {
    targets("up", "");
    ProbeResult result = passes("observability.prometheus-target");
    assertThat(result.evidence()).containsExactly("http://10.0.1.4:8081/prometheus up");
  }

  @Test
  void targetFailsWithTheScrapeError() throws Exception {
    targets("down", "context deadline exceeded");
    ProbeResult result = fails("observability.prometheus-target");
    assertThat(result.evidence().get(0)).endsWith("down (context deadline exceeded)");
  }

  @Test
  void sloRulesPassWhenEachHasSamples() throws Exception {
    List<String> records = staging.monitoring().sloRecords();
    assertThat(records).contains("slo:sli_error:ratio_rate5m");
    records.forEach(r -> api.proxy(prometheus(), query("count(" + r + ")"), 200, vector("3")));
    ProbeResult result = passes("observability.slo-rules");
    assertThat(result.evidence().get(0))
        .isEqualTo("all " + records.size() + " SLO recording rules have samples");
  }

  @Test
  void sloRulesFailNamingTheRuleWithoutSamples() throws Exception {
    List<String> records = staging.monitoring().sloRecords();
    for (String r : records) {
      boolean empty = r.equals("slo:error_budget_remaining:ratio");
      api.proxy(prometheus(), query("count(" + r + ")"), 200, empty ? vector() : vector("1"));
    }
    ProbeResult result = fails("observability.slo-rules");
    assertThat(result.evidence().get(0)).endsWith("[slo:error_budget_remaining:ratio]");
  }

  void alertmanagerConfig(String yaml) {
    String json =
        io.github.aksdevsecops.bootstrap.json.Json.write(
            java.util.Map.of("config", java.util.Map.of("original", yaml)));
    api.proxy(staging.monitoring().alertmanager().orElseThrow(), "/api/v2/status", 200, json);
  }

  @Test
  void routesPassWhenAlertmanagerLoadedTheRepositorysConfiguration() throws Exception {
    alertmanagerConfig(
        Files.readString(RepoFacts.root().resolve("observability/alertmanager/alertmanager.yaml")));
    ProbeResult result = passes("observability.alertmanager-routes");
    assertThat(result.evidence().get(0)).contains("pagerduty-critical").contains("slack-security");
  }

  @Test
  void routesFailOnTheChartsDefaultConfiguration() throws Exception {
    alertmanagerConfig("route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n");
    ProbeResult result = fails("observability.alertmanager-routes");
    assertThat(result.evidence().get(1)).startsWith("NOT loaded: [opsgenie-warning");
  }

  void request() {
    var in = ingress();
    api.readyProbePod();
    api.curl(in.url(in.path()), Traced.options(in, TRACE), http(401, "", "{}"));
  }

  ProbeResult runTraced(Probe.Check check) throws InterruptedException {
    return check.run(api.context(staging));
  }

  @Test
  void tracePassesWhenTempoHasTheRouteSpan() throws Exception {
    request();
    api.proxy(
        staging.monitoring().tempo().orElseThrow(),
        "/api/traces/" + TRACE,
        200,
        "{\"batches\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"GET\"},"
            + "{\"name\":\"GET /api/v1/items\"}]}]}]}");
    ProbeResult result = runTraced(new TraceProbe(() -> TRACE));
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(1))
        .isEqualTo("Tempo has the trace with span \"GET /api/v1/items\"");
  }

  @Test
  void traceFailsWhenTheSpanIsNotNamedAfterTheRoute() throws Exception {
    request();
    api.proxy(
        staging.monitoring().tempo().orElseThrow(),
        "/api/traces/" + TRACE,
        200,
        "{\"batches\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"GET\"}]}]}]}");
    ProbeResult result = runTraced(new TraceProbe(() -> TRACE));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(1))
        .isEqualTo("the trace has no span \"GET /api/v1/items\", only [GET]");
  }

  String lokiQuery() {
    return "/loki/api/v1/query_range?since=10m&limit=5&query="
        + FalcoProbe.encode("{namespace=\"devsecops-app\"} |= \"" + TRACE + "\"");
  }

  @Test
  void logsPassWhenLokiHasTheJsonLineWithTheTraceId() throws Exception {
    request();
    api.proxy(
        staging.monitoring().loki().orElseThrow(),
        lokiQuery(),
        200,
        "{\"data\":{\"result\":[{\"stream\":{\"namespace\":\"devsecops-app\"},\"values\":[[\"1\","
            + "\"{\\\"level\\\":\\\"WARN\\\",\\\"message\\\":\\\"authentication failed\\\","
            + "\\\"trace_id\\\":\\\""
            + TRACE
            + "\\\"}\"]]}]}}");
    ProbeResult result = runTraced(new LogsProbe(() -> TRACE));
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(1)).contains("authentication failed");
  }

  @Test
  void logsFailWhenNoLineCarriesTheTraceId() throws Exception {
    request();
    api.proxy(
        staging.monitoring().loki().orElseThrow(),
        lokiQuery(),
        200,
        "{\"data\":{\"result\":[{\"values\":[[\"1\",\"plain text mentioning " + TRACE + "\"]]}]}}");
    ProbeResult result = runTraced(new LogsProbe(() -> TRACE));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(1)).startsWith("no JSON line with trace_id " + TRACE);
  }
}
