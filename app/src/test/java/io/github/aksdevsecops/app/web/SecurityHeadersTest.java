package io.github.aksdevsecops.app.web;

import static io.github.aksdevsecops.app.support.Hardening.assertHardened;
import static io.github.aksdevsecops.app.support.Hardening.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.RawResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest implements AppTestProperties {

  private static final String ITEM = "{\"name\":\"widget\"}";

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(AppTestProperties.super.getProperties());
    p.put("app.http.request-timeout", "2s");
    return p;
  }

  Stream<Arguments> routedResponses() {
    String read = "Bearer " + Jwks.get().token("items.read");
    String write = "Bearer " + Jwks.get().token("items.write");
    String unknownId = "/api/v1/items/00000000-0000-0000-0000-000000000000";
    return Stream.of(
        Arguments.of("200 list", 200, "GET", "/api/v1/items", read, null, null),
        Arguments.of("201 create", 201, "POST", "/api/v1/items", write, "application/json", ITEM),
        Arguments.of(
            "400 validation",
            400,
            "POST",
            "/api/v1/items",
            write,
            "application/json",
            "{\"name\":\"\"}"),
        Arguments.of(
            "400 malformed json",
            400,
            "POST",
            "/api/v1/items",
            write,
            "application/json",
            "{\"name\":"),
        Arguments.of("401 no token", 401, "GET", "/api/v1/items", null, null, null),
        Arguments.of(
            "403 wrong scope", 403, "POST", "/api/v1/items", read, "application/json", ITEM),
        Arguments.of("404 unknown path", 404, "GET", "/nope", read, null, null),
        Arguments.of("404 unknown item", 404, "GET", unknownId, read, null, null),
        Arguments.of("405 method", 405, "PATCH", "/api/v1/items", write, "application/json", ITEM),
        Arguments.of("405 TRACE", 405, "TRACE", "/api/v1/items", read, null, null),
        Arguments.of("415 media type", 415, "POST", "/api/v1/items", write, "text/plain", "widget"),
        Arguments.of("500 failure", 500, "GET", "/test-only/boom", null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routedResponses")
  void everyRoutedResponseIsHardened(
      String what, int status, String method, String path, String auth, String type, String body) {
    var request =
        Http.request(URI.create("http://127.0.0.1:" + server.getPort()), path)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    if (type != null) {
      request.header("Content-Type", type);
    }
    HttpResponse<String> response = Http.send(request);
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
    assertHardened(what, h -> response.headers().firstValue(h).orElse(null), response.body());
    if (status >= 400) {
      assertProblem(
          what,
          status,
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    }
    assertThat(response.body())
        .as(what + ": leaked the message")
        .doesNotContain("SecretRepository");
  }

  @Test
  void bodyOverTheLimitIs413() {
    String big = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
    RawResponse response =
        Http.raw(
            server.getPort(),
            "POST /api/v1/items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Jwks.get().token("items.write")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + big.length()
                + "\r\n\r\n"
                + big);
    assertRaw("413 body", 413, response);
  }

  @Test
  void headersOverTheLimitAre431() {
    RawResponse response =
        Http.raw(
            server.getPort(),
            "GET /api/v1/items HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(9000)
                + "\r\n\r\n");
    assertRaw("431 headers", 431, response);
  }

  @Test
  void uriOverTheLimitIs414() {
    RawResponse response =
        Http.raw(
            server.getPort(),
            "GET /api/v1/items?q=" + "c".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertRaw("414 uri", 414, response);
  }

  @Test
  void malformedRequestRejectedBeforeRoutingIsHardened() {
    RawResponse response =
        Http.raw(server.getPort(), "GET /api/v1/items HTTP/1.1\r\nHost localhost\r\n\r\n");
    assertRaw("400 malformed", 400, response);
  }

  @Test
  void slowBodyTimesOutWith408() {
    byte[] partial =
        ("POST /api/v1/items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Jwks.get().token("items.write")
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":")
            .getBytes(StandardCharsets.ISO_8859_1);
    RawResponse response = Http.raw(server.getPort(), partial, 0);
    assertRaw("408 timeout", 408, response);
    assertThat(response.headers().get("Connection")).isEqualTo("close");
  }

  private static void assertRaw(String what, int status, RawResponse response) {
    assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
    assertHardened(what, response.headers()::get, response.body());
    assertProblem(what, status, response.headers().get("Content-Type"), response.body());
  }
}
