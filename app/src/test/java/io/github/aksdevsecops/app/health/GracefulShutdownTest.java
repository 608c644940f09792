package io.github.aksdevsecops.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** SIGTERM semantics: readiness DOWN first, then the requests in flight complete, none fails. */
class GracefulShutdownTest {

  @Test
  void inFlightRequestsCompleteWhileReadinessReportsDown() throws Exception {
    Map<String, Object> props = new HashMap<>(new AppTestProperties() {}.getProperties());
    props.put("app.shutdown.delay", "1500ms");
    int management = Integer.parseInt((String) props.get("endpoints.all.port"));
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    URI base = URI.create("http://127.0.0.1:" + server.getPort());
    URI mgmt = URI.create("http://127.0.0.1:" + management);
    assertEquals(200, Http.send(Http.request(mgmt, "/health/readiness").GET()).statusCode());

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
          CompletableFuture.runAsync(() -> server.getApplicationContext().close(), pool);
      Thread.sleep(300);

      HttpResponse<String> readiness = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertEquals(503, readiness.statusCode(), readiness.body());
      assertTrue(readiness.body().contains("DOWN"), readiness.body());
      assertEquals(200, Http.send(Http.request(mgmt, "/health/liveness").GET()).statusCode());

      for (CompletableFuture<HttpResponse<String>> request : inFlight) {
        HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
      }
      stopping.get(30, TimeUnit.SECONDS);
      assertTrue(!server.isRunning(), "server stopped after draining");
    } finally {
      pool.shutdownNow();
      if (server.isRunning()) {
        server.stop();
      }
    }
  }
}
