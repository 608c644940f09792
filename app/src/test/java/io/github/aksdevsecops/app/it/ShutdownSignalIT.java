package io.github.aksdevsecops.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.RunningJar;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on the packaged jar: readiness turns DOWN at once while the API keeps answering during
 * the drain delay, then the process exits by itself.
 */
class ShutdownSignalIT {

  @Test
  void sigtermDrainsThenExits() {
    try (RunningJar app = RunningJar.start(List.of(), Map.of("SHUTDOWN_DRAIN_DELAY", "4s"))) {
      URI mgmt = URI.create("http://127.0.0.1:" + app.managementPort);
      assertEquals(200, Http.send(Http.request(mgmt, "/health/readiness").GET()).statusCode());

      app.terminate();
      app.awaitOutput("shutdown started: readiness DOWN", Duration.ofSeconds(10));

      HttpResponse<String> readiness = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertEquals(503, readiness.statusCode(), readiness.body());
      assertEquals(200, Http.send(Http.request(mgmt, "/health/liveness").GET()).statusCode());
      HttpResponse<String> api =
          Http.send(
              Http.request(app.base(), "/api/v1/items")
                  .GET()
                  .header("Authorization", "Bearer " + Jwks.get().token("items.read")));
      assertEquals(200, api.statusCode(), "still serving while draining");

      OptionalInt exit = app.awaitExit(Duration.ofSeconds(40));
      assertTrue(exit.isPresent(), "the service did not exit after SIGTERM:\n" + app.output());
    }
  }
}
