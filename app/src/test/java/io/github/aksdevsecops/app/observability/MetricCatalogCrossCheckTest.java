package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every metric name in the platform's PrometheusRules and Grafana dashboards must exist: exported
 * by this app (read from the running app's /prometheus endpoint), defined by a recording rule, or
 * listed in observability/metrics-catalog.yaml. A renamed app metric or a typo in a dashboard fails
 * here instead of showing an empty panel or an alert that can never fire.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricCatalogCrossCheckTest implements AppTestProperties {

  @Inject EmbeddedServer server;

  @Value("${endpoints.all.port}")
  int managementPort;

  private final ObservabilityAssets assets = ObservabilityAssets.fromWorkingDirectory();
  private String exposition;

  /** Traffic that makes every lazily registered series appear: a success and each auth failure. */
  @BeforeAll
  void exerciseTheAppAndScrapeIt() {
    Api api = Api.on(server.getPort());
    assertThat(
            api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"scraped\"}").statusCode())
        .isEqualTo(201);
    assertThat(api.call("GET", "/api/v1/items", "items.read", null).statusCode()).isEqualTo(200);
    assertThat(api.call("GET", "/api/v1/items", null, null).statusCode()).isEqualTo(401);
    assertThat(api.call("POST", "/api/v1/items", "items.read", "{\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> invalid =
        Http.send(
            Http.request(URI.create("http://127.0.0.1:" + server.getPort()), "/api/v1/items")
                .header("Authorization", "Bearer not-a-jwt")
                .GET());
    assertThat(invalid.statusCode()).isEqualTo(401);
    HttpResponse<String> scrape =
        Http.send(
            Http.request(URI.create("http://127.0.0.1:" + managementPort), "/prometheus").GET());
    assertThat(scrape.statusCode()).isEqualTo(200);
    exposition = scrape.body();
  }

  @Test
  void everyMetricInRulesAndDashboardsExists() {
    List<ObservabilityAssets.Query> queries = new ArrayList<>(assets.ruleQueries());
    queries.addAll(assets.dashboardQueries());
    List<String> problems =
        MetricCrossCheck.problems(
            queries,
            PrometheusText.metricNames(exposition),
            assets.recordingRules(),
            assets.catalog());
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void rulesAndDashboardsAreActuallyRead() {
    assertThat(assets.ruleQueries().size() >= 13).as("alerts and recording rules found").isTrue();
    assertThat(
            assets.dashboardQueries().stream()
                .anyMatch(q -> q.where().contains("devsecops-slo.json")))
        .as("SLO dashboard queries found")
        .isTrue();
    assertThat(
            assets.dashboardQueries().stream()
                .anyMatch(q -> q.where().contains("devsecops-security-overview.json")))
        .as("security dashboard queries found")
        .isTrue();
    assertThat(assets.dashboardQueries().stream().anyMatch(q -> q.expr().contains("|=")))
        .as("Loki queries are not read as PromQL")
        .isFalse();
  }

  @Test
  void theLatencySliBucketIsExported() {
    // slo:sli_latency_slow:ratio_* divide the le="0.5" bucket by the count: without that exact
    // bucket the latency SLO would read as 100% slow.
    Set<String> bucketLines =
        Set.copyOf(
            exposition
                .lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_bucket{"))
                .filter(l -> l.contains("uri=\"/api/v1/items\""))
                .filter(l -> l.contains("le=\"0.5\""))
                .toList());
    assertThat(bucketLines.isEmpty())
        .as("no le=\"0.5\" bucket for /api/v1/items in:\n" + exposition)
        .isFalse();
  }
}
