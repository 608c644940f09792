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

  static Traced send(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    String traceId = hex(16);
    String url = ingress.url(ingress.path());
    HttpReply reply =
        ctx.curl()
            .request(
                url,
                Ingresses.options(
                    ingress, "-H", "traceparent: 00-" + traceId + "-" + hex(8) + "-01"));
    return new Traced(traceId, url, reply);
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
