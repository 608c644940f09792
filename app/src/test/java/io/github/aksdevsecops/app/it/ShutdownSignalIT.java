package io.github.aksdevsecops.app.it;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(Http.send(Http.request(mgmt, "/health/readiness").GET()).statusCode())
          .isEqualTo(200);

      app.terminate();
      app.awaitOutput("shutdown started: readiness DOWN", Duration.ofSeconds(10));

      HttpResponse<String> readiness = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
      assertThat(Http.send(Http.request(mgmt, "/health/liveness").GET()).statusCode())
          .isEqualTo(200);
      HttpResponse<String> api =
          Http.send(
              Http.request(app.base(), "/api/v1/items")
                  .GET()
                  .header("Authorization", "Bearer " + Jwks.get().token("items.read")));
      assertThat(api.statusCode()).as("still serving while draining").isEqualTo(200);

      OptionalInt exit = app.awaitExit(Duration.ofSeconds(40));
      assertThat(exit.isPresent())
          .as("the service did not exit after SIGTERM:\n" + app.output())
          .isTrue();
    }
  }
}
