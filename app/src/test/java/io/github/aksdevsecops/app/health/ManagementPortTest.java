package io.github.aksdevsecops.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Hardening;
import io.github.aksdevsecops.app.support.Http;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest implements AppTestProperties {

  @Inject EmbeddedServer server;

  @Value("${endpoints.all.port}")
  int managementPort;

  private HttpResponse<String> get(int port, String path) {
    return Http.send(Http.request(URI.create("http://127.0.0.1:" + port), path).GET());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health/liveness", "/health/readiness"})
  void probesAreUpOnTheManagementPortWithoutDetails(String path) {
    HttpResponse<String> response = get(managementPort, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
    assertThat(response.body())
        .as("details are never shown: " + response.body())
        .doesNotContain("details");
    Hardening.assertHardened(
        path, h -> response.headers().firstValue(h).orElse(null), response.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/prometheus",
        "/health",
        "/health/readiness",
        "/health/liveness",
        "/env",
        "/beans"
      })
  void thePublicPortServesNoManagementEndpoint(String path) {
    assertThat(get(server.getPort(), path).statusCode())
        .as(path + " on the public port")
        .isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/env", "/beans", "/loggers", "/threaddump"})
  void sensitiveEndpointsAreDisabledOnTheManagementPortToo(String path) {
    assertThat(get(managementPort, path).statusCode()).as(path).isEqualTo(404);
  }

  @Test
  void prometheusExposesContractMetricsAndBuckets() {
    Api api = Api.on(server.getPort());
    api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"metered\"}");
    api.call("GET", "/api/v1/items", null, null);
    HttpResponse<String> response = get(managementPort, "/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    String text = response.body();
    for (String le :
        new String[] {
          "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
          "+Inf"
        }) {
      assertThat(
              text.lines()
                  .anyMatch(
                      l ->
                          l.startsWith("http_server_requests_seconds_bucket{")
                              && l.contains("le=\"" + le + "\"")
                              && l.contains("uri=\"/api/v1/items\"")))
          .as("bucket le=" + le)
          .isTrue();
    }
    long buckets =
        text.lines()
            .filter(
                l ->
                    l.startsWith("http_server_requests_seconds_bucket{")
                        && l.contains("method=\"POST\"")
                        && l.contains("status=\"201\""))
            .count();
    assertThat(buckets).as("exactly the contract buckets plus +Inf").isEqualTo(12);
    String created =
        text.lines()
            .filter(
                l ->
                    l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("status=\"201\""))
            .findFirst()
            .orElseThrow();
    assertThat(created).contains("outcome=\"SUCCESS\"", "exception=\"none\"", "method=\"POST\"");
    assertThat(text).as("401 counted as CLIENT_ERROR").contains("outcome=\"CLIENT_ERROR\"");
    assertThat(
            text.lines()
                .anyMatch(l -> l.startsWith("auth_failures_total{reason=\"missing_token\"}")))
        .isTrue();
    assertThat(text.lines().anyMatch(l -> l.startsWith("item_creations_total")))
        .as(text.lines().filter(l -> l.contains("items")).toList().toString())
        .isTrue();
    assertThat(text).contains("jvm_memory_used_bytes{");
    assertThat(text).contains("process_cpu_usage");
  }
}
