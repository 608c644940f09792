package io.github.aksdevsecops.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM runs ({@link Termination}), in process: readiness DOWN first, then the requests in
 * flight complete, none fails, and the server stops.
 */
class GracefulShutdownTest {

  @Test
  void inFlightRequestsCompleteWhileReadinessReportsDown() throws Exception {
    Map<String, Object> props = new HashMap<>(new AppTestProperties() {}.getProperties());
    props.put("app.shutdown.delay", "1500ms");
    int management = Integer.parseInt((String) props.get("endpoints.all.port"));
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    URI mgmt = URI.create("http://127.0.0.1:" + management);
    assertThat(Http.send(Http.request(mgmt, "/health/readiness").GET()).statusCode())
        .isEqualTo(200);

    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        inFlight.add(
            CompletableFuture.supplyAsync(
                () -> Http.send(Http.request(base, "/test-only/slow?millis=2500").GET()), pool));
      }
      Thread.sleep(500);
      CompletableFuture<Void> stopping =
          CompletableFuture.runAsync(new Termination(server.getApplicationContext()), pool);
      Thread.sleep(300);

      HttpResponse<String> readiness = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
      assertThat(readiness.body()).contains("DOWN");
      assertThat(Http.send(Http.request(mgmt, "/health/liveness").GET()).statusCode())
          .isEqualTo(200);

      for (CompletableFuture<HttpResponse<String>> request : inFlight) {
        HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
      }
      stopping.get(30, TimeUnit.SECONDS);
      assertThat(server.isRunning()).as("server stopped after draining").isFalse();
    } finally {
      pool.shutdownNow();
      if (server.isRunning()) {
        server.stop();
      }
    }
  }
}
