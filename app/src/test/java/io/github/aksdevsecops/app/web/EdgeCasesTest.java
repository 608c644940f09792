package io.github.aksdevsecops.app.web;

import static io.github.aksdevsecops.app.support.Hardening.assertHardened;
import static io.github.aksdevsecops.app.support.Hardening.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.RawResponse;
import io.github.aksdevsecops.app.support.TestOnlyController;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests found by probing the running service, each answered as it should be. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeCasesTest implements AppTestProperties {

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return propertiesWith("app.http.request-timeout", "2s");
  }

  private String write() {
    return "Authorization: Bearer " + Jwks.get().token("items.write") + "\r\n";
  }

  @Test
  void bothContentLengthAndTransferEncodingAre400AndTheConnectionCloses() {
    String body = "{\"name\":\"smuggled\"}";
    RawResponse response =
        Http.raw(
            server.getPort(),
            "POST /api/v1/items HTTP/1.1\r\nHost: localhost\r\n"
                + write()
                + "Content-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("Connection", "close");
    assertHardened("CL+TE", response.headers()::get, response.body());
    assertProblem("CL+TE", 400, response.headers().get("Content-Type"), response.body());
  }

  @Test
  void aClientThatSendsHalfItsHeadersGets408WithinTheRequestTimeout() {
    byte[] half =
        "GET /api/v1/items HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            .getBytes(StandardCharsets.ISO_8859_1);
    long start = System.nanoTime();
    RawResponse response = Http.raw(server.getPort(), half, 0);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(response.status()).isEqualTo(408);
    assertThat(response.headers()).containsEntry("Connection", "close");
    assertHardened("half headers", response.headers()::get, response.body());
    assertThat(millis).as("closed within the 2 s request timeout").isBetween(1500L, 6000L);
  }

  @Test
  void aTimedOutRequestCancelsItsWork() throws InterruptedException {
    int completed = TestOnlyController.COMPLETED.get();
    int cancelled = TestOnlyController.CANCELLED.get();
    HttpResponse<String> response =
        Http.send(
            Http.request(
                    URI.create("http://127.0.0.1:" + server.getPort()),
                    "/test-only/slow-work?millis=4000")
                .GET());
    assertThat(response.statusCode()).isEqualTo(408);
    Thread.sleep(3000);
    assertThat(TestOnlyController.CANCELLED.get()).isEqualTo(cancelled + 1);
    assertThat(TestOnlyController.COMPLETED.get()).isEqualTo(completed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void aBodyWithoutContentTypeIs415(String method) {
    String path =
        "POST".equals(method)
            ? "/api/v1/items"
            : "/api/v1/items/00000000-0000-0000-0000-000000000000";
    HttpResponse<String> response =
        Http.send(
            Http.request(URI.create("http://127.0.0.1:" + server.getPort()), path)
                .method(method, BodyPublishers.ofString("{\"name\":\"untyped\"}"))
                .header("Authorization", "Bearer " + Jwks.get().token("items.write")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
    assertHardened(method, h -> response.headers().firstValue(h).orElse(null), response.body());
  }

  @Test
  void validationErrorsDoNotEchoThePatterns() {
    Api api = Api.on(server.getPort());
    HttpResponse<String> name =
        api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"<script>\"}");
    HttpResponse<String> id = api.call("GET", "/api/v1/items/not-a-uuid", "items.read", null);
    for (HttpResponse<String> response : java.util.List.of(name, id)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).contains("\"errors\":[").doesNotContain("\\\\p{", "[0-9a-f]");
    }
    assertThat(name.body()).contains("must contain only letters, digits");
    assertThat(id.body()).contains("must be a lower-case UUID");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0085", "009B", "202E", "2066", "200F", "2028"})
  void descriptionsRefuseControlAndBidiCharactersBeyondAscii(String codePoint) {
    String character = new String(Character.toChars(Integer.parseInt(codePoint, 16)));
    String json = "{\"name\":\"ok\",\"description\":\"a" + character + "b\"}";
    HttpResponse<String> response =
        Api.on(server.getPort()).call("POST", "/api/v1/items", "items.write", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("must not contain control");
  }

  @Test
  void descriptionsKeepOrdinaryUnicode() {
    String json = "{\"name\":\"ok\",\"description\":\"Grüße, 東京 👩‍💻 — naïve\"}";
    assertThat(
            Api.on(server.getPort())
                .call("POST", "/api/v1/items", "items.write", json)
                .statusCode())
        .isEqualTo(201);
  }
}
