package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The names observability/exporters.yaml declares for devsecops-app are what the running app really
 * exports on /prometheus. `bootstrap validate` (telemetry check) trusts that file to join every
 * metric the rules and dashboards read to the app's pods and their ServiceMonitor; this test is
 * what keeps the app's entry true, so a renamed app metric fails here instead of showing an empty
 * panel or an alert that can never fire.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeclaredAppMetricsTest implements AppTestProperties {

  @Inject EmbeddedServer server;

  @Value("${endpoints.all.port}")
  int managementPort;

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
  void everyNameDeclaredForTheAppIsExported() throws IOException {
    Set<String> declared = declaredAppMetrics();
    assertThat(declared)
        .as("observability/exporters.yaml declares no devsecops-app metric")
        .isNotEmpty();
    Set<String> missing = new TreeSet<>(declared);
    missing.removeAll(PrometheusText.metricNames(exposition));
    assertThat(missing).as("declared for devsecops-app but not on /prometheus").isEmpty();
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

  /** The metrics of the devsecops-app entry, read from the repository root above this module. */
  private static Set<String> declaredAppMetrics() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("observability/exporters.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no observability/exporters.yaml above the working directory");
    }
    String text =
        Files.readString(dir.resolve("observability/exporters.yaml"), StandardCharsets.UTF_8);
    Map<?, ?> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    Set<String> names = new TreeSet<>();
    for (Object e : (List<?>) root.get("exporters")) {
      Map<?, ?> exporter = (Map<?, ?>) e;
      if ("devsecops-app".equals(exporter.get("name"))) {
        for (Object m : (List<?>) exporter.get("metrics")) {
          names.add(String.valueOf(m));
        }
      }
    }
    return names;
  }
}
