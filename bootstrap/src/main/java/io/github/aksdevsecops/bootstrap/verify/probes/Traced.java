package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A request through the public entry point with a W3C {@code traceparent} of a fresh trace id
 * (sampled), so its trace and log lines can be looked up afterwards.
 */
record Traced(String traceId, String url, HttpReply reply) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Sends the request with the trace id {@code traceId} (32 hex digits). */
  static Traced send(ProbeContext ctx, PlatformFacts.Ingress ingress, String traceId)
      throws InterruptedException {
    String url = ingress.url(ingress.path());
    HttpReply reply = ctx.curl().request(url, options(ingress, traceId));
    return new Traced(traceId, url, reply);
  }

  /** The curl options: sampled, with a span id taken from the trace id's second half. */
  static java.util.List<String> options(PlatformFacts.Ingress ingress, String traceId) {
    return Ingresses.options(
        ingress, "-H", "traceparent: 00-" + traceId + "-" + traceId.substring(16) + "-01");
  }

  /** A fresh random trace id. */
  static String newTraceId() {
    return hex(16);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  String describe() {
    return "GET " + url + " with trace id " + traceId + ": " + reply.describe();
  }
}
