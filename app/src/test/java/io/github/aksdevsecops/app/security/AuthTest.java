package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest implements AppTestProperties {

  @Inject EmbeddedServer server;
  @Inject MeterRegistry registry;

  private double failures(String reason) {
    return registry.counter("auth_failures", "reason", reason).count();
  }

  private HttpResponse<String> send(String method, String authorization) {
    var request =
        Http.request(URI.create("http://127.0.0.1:" + server.getPort()), "/api/v1/items")
            .method(
                method,
                "POST".equals(method)
                    ? BodyPublishers.ofString("{\"name\":\"x\"}")
                    : BodyPublishers.noBody())
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return Http.send(request);
  }

  private void assertRefused(
      String reason, int status, String challenge, HttpResponse<String> response, double before) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElse(null)).isEqualTo(challenge);
    assertThat(failures(reason)).as(reason + " counted once").isEqualTo(before + 1);
  }

  @Test
  void missingTokenIs401AndCounted() {
    double before = failures("missing_token");
    assertRefused("missing_token", 401, "Bearer", send("GET", null), before);
  }

  @Test
  void forgedExpiredOrForeignTokensAre401InvalidToken() {
    for (String token :
        new String[] {
          Jwks.get().forgedToken("items.read"),
          Jwks.get().expiredToken("items.read"),
          Jwks.get().wrongAudienceToken("items.read"),
          "not-a-jwt"
        }) {
      double before = failures("invalid_token");
      assertRefused(
          "invalid_token",
          401,
          "Bearer error=\"invalid_token\"",
          send("GET", "Bearer " + token),
          before);
    }
  }

  @Test
  void readScopeCannotWrite() {
    double before = failures("insufficient_scope");
    HttpResponse<String> response = send("POST", "Bearer " + Jwks.get().token("items.read"));
    assertRefused(
        "insufficient_scope", 403, "Bearer error=\"insufficient_scope\"", response, before);
  }

  @Test
  void writeScopeAloneCannotRead() {
    double before = failures("insufficient_scope");
    HttpResponse<String> response = send("GET", "Bearer " + Jwks.get().token("items.write"));
    assertRefused(
        "insufficient_scope", 403, "Bearer error=\"insufficient_scope\"", response, before);
  }

  @Test
  void rightScopesPassWithoutCountingFailures() {
    double invalid = failures("invalid_token");
    assertThat(send("GET", "Bearer " + Jwks.get().token("openid items.read")).statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "Bearer " + Jwks.get().token("items.write")).statusCode())
        .isEqualTo(201);
    assertThat(failures("invalid_token")).isEqualTo(invalid);
  }
}
