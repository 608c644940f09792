package io.github.aksdevsecops.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.KeepAliveLoad;
import io.github.aksdevsecops.app.support.RunningJar;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on the packaged jar while 16 keep-alive clients loop on the API: readiness turns DOWN,
 * the API keeps answering during the drain and says {@code Connection: close}, and the process
 * exits 143 by itself. No request is lost: none is written to a connection that the server then
 * closes or resets without an answer. As behind a Service, clients open new connections for a
 * second after the signal (endpoint removal is not instant) and then only keep the ones they have;
 * in Kubernetes the preStop sleep makes that second longer, before SIGTERM.
 */
class ShutdownSignalIT {

  @Test
  void sigtermUnderKeepAliveLoadLosesNoRequest() throws InterruptedException {
    try (RunningJar app = RunningJar.start(List.of(), Map.of("SHUTDOWN_DRAIN_DELAY", "5s"))) {
      URI mgmt = URI.create("http://127.0.0.1:" + app.managementPort);
      String token = Jwks.get().token("items.read");
      KeepAliveLoad load = KeepAliveLoad.start(16, app.port, "/api/v1/items", token, 60_000);
      Thread.sleep(1500);
      int beforeSignal = load.answered.get();

      app.terminate();
      app.awaitOutput("shutdown started: readiness DOWN", Duration.ofSeconds(10));
      HttpResponse<String> readiness = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
      Thread.sleep(1000);
      load.withdraw();

      load.awaitEnd();
      OptionalInt exit = app.awaitExit(Duration.ofSeconds(40));
      assertThat(exit).as("the service exits by itself:\n" + app.output()).hasValue(143);
      assertThat(beforeSignal).as("load before the signal").isPositive();
      assertThat(load.answeredWithClose.get())
          .as("answers during the drain, each closing its connection")
          .isGreaterThanOrEqualTo(16);
      assertThat(load.moved.get() + load.refused.get()).as("every client ended").isEqualTo(16);
      assertThat(load.lost.get()).as("requests written and never answered").isZero();
      assertThat(app.output()).contains("\"message\":\"stopped\"");
    }
  }
}
