package io.github.aksdevsecops.app.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    EXPECTED.forEach((name, value) -> assertEquals(value, header.apply(name), what + ": " + name));
    assertEquals(null, header.apply("Server"), what + ": Server header must be absent");
    assertFalse(body.contains("Exception"), what + ": body names an exception: " + body);
    assertFalse(body.contains("io.micronaut"), what + ": body discloses the framework: " + body);
    assertFalse(body.contains("\tat "), what + ": body has a stack trace: " + body);
  }

  public static void assertProblem(String what, int status, String contentType, String body) {
    assertTrue(
        contentType != null && contentType.startsWith("application/problem+json"),
        what + ": content type " + contentType);
    assertTrue(body.contains("\"status\":" + status), what + ": problem status in " + body);
    assertTrue(body.contains("\"title\":"), what + ": problem title in " + body);
  }
}
