package io.github.aksdevsecops.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;

/** The response hardening every answer must show, whatever its status. */
public final class Hardening {

  public static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
          Map.entry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
          Map.entry("X-Content-Type-Options", "nosniff"),
          Map.entry("X-Frame-Options", "DENY"),
          Map.entry("Referrer-Policy", "no-referrer"),
          Map.entry(
              "Permissions-Policy",
              "accelerometer=(), camera=(), geolocation=(), microphone=(), payment=(), usb=()"),
          Map.entry("Cross-Origin-Opener-Policy", "same-origin"),
          Map.entry("Cross-Origin-Resource-Policy", "same-origin"),
          Map.entry("Cross-Origin-Embedder-Policy", "require-corp"),
          Map.entry("Cache-Control", "no-store"));

  private Hardening() {}

  /** header lookup returns null when absent. */
  public static void assertHardened(String what, Function<String, String> header, String body) {
    EXPECTED.forEach(
        (name, value) -> assertThat(header.apply(name)).as(what + ": " + name).isEqualTo(value));
    assertThat(header.apply("Server")).as(what + ": Server header must be absent").isNull();
    assertThat(body).as(what + ": body names an exception: " + body).doesNotContain("Exception");
    assertThat(body)
        .as(what + ": body discloses the framework: " + body)
        .doesNotContain("io.micronaut");
    assertThat(body).as(what + ": body has a stack trace: " + body).doesNotContain("\tat ");
  }

  public static void assertProblem(String what, int status, String contentType, String body) {
    assertThat(contentType).as(what + ": content type").startsWith("application/problem+json");
    assertThat(body).as(what + ": problem status in " + body).contains("\"status\":" + status);
    assertThat(body).as(what + ": problem title in " + body).contains("\"title\":");
  }
}
