package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Jwks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cache of validated tokens accepts nothing that the uncached check refuses. Its own issuer (so
 * that the key can rotate), a JWKS cache of 1 s and a token cache TTL of 1 s.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenCacheTest implements AppTestProperties {

  private final Jwks issuer = Jwks.newIssuer();

  @Inject EmbeddedServer server;
  @Inject MeterRegistry registry;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p =
        propertiesWith(
            "micronaut.security.token.jwt.signatures.jwks.entra.cache-expiration", "1",
            "app.token.cache-max-ttl", "1s");
    p.putAll(issuer.properties());
    return p;
  }

  private int get(String token) {
    return Api.on(server.getPort()).statusWithToken("/api/v1/items", token);
  }

  private double gets(String result) {
    return registry
        .get("cache.gets")
        .tags("cache", TokenCache.METRIC_NAME, "result", result)
        .functionCounter()
        .count();
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Test
  void aRepeatedTokenIsServedFromTheCache() {
    String first = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(300)).build());
    String second = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(299)).build());
    assertThat(get(first)).isEqualTo(200);
    double hits = gets("hit");
    double misses = gets("miss");
    assertThat(get(first)).isEqualTo(200);
    assertThat(gets("hit")).as("the same token again").isEqualTo(hits + 1);
    assertThat(get(second)).isEqualTo(200);
    assertThat(gets("miss")).as("another token").isEqualTo(misses + 1);
  }

  @Test
  void aCachedTokenIsRefusedOnceItExpires() throws InterruptedException {
    String token = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(2)).build());
    assertThat(get(token)).isEqualTo(200);
    assertThat(get(token)).isEqualTo(200);
    sleep(2500);
    assertThat(get(token)).isEqualTo(401);
  }

  @Test
  void aTokenDifferingInOneByteIsRefused() {
    String token = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(300)).build());
    assertThat(get(token)).isEqualTo(200);
    int inSignature = token.length() - 5;
    int inPayload = token.indexOf('.') + 10;
    for (int at : new int[] {inSignature, inPayload}) {
      char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
      String altered = token.substring(0, at) + flipped + token.substring(at + 1);
      assertThat(get(altered)).as("byte %d changed", at).isEqualTo(401);
    }
    assertThat(get(token)).as("the original still passes").isEqualTo(200);
  }

  @Test
  void aTokenOfARotatedOutKeyIsRefusedAfterTheTtl() throws InterruptedException {
    String old = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(300)).build());
    assertThat(get(old)).isEqualTo(200);
    issuer.rotate();
    sleep(2500);
    assertThat(get(old)).isEqualTo(401);
    String current = issuer.sign(Jwks.claims("items.read", Instant.now().plusSeconds(300)).build());
    assertThat(get(current)).isEqualTo(200);
  }
}
