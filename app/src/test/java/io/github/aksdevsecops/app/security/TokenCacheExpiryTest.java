package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache's own clock: an entry is never served at or after the token's exp, nor after the TTL.
 */
class TokenCacheExpiryTest {

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final TokenCache cache =
      new TokenCache(
          new TokenSettings(
              "file:///k", "i", "a", Duration.ZERO, List.of("RS256"), Duration.ofSeconds(30), 100),
          new SimpleMeterRegistry(),
          clock);
  private final Authentication caller = Authentication.build("user-1");

  @Test
  void anEntryEndsAtTheTokensExpiry() {
    String key = TokenCache.key("token-a");
    cache.store(key, caller, clock.now.plusSeconds(10));
    assertThat(cache.lookup(key)).contains(caller);
    clock.now = clock.now.plusSeconds(10);
    assertThat(cache.lookup(key)).as("at exp").isEmpty();
  }

  @Test
  void anEntryEndsAfterTheMaximumTtlWhateverTheExpiry() {
    String key = TokenCache.key("token-b");
    cache.store(key, caller, clock.now.plusSeconds(3600));
    clock.now = clock.now.plusSeconds(29);
    assertThat(cache.lookup(key)).contains(caller);
    clock.now = clock.now.plusSeconds(1);
    assertThat(cache.lookup(key)).as("after the TTL").isEmpty();
  }

  @Test
  void keysDifferForTokensThatDifferInOneCharacter() {
    assertThat(TokenCache.key("abc.def.ghi")).isNotEqualTo(TokenCache.key("abc.def.ghj"));
    cache.store(TokenCache.key("abc.def.ghi"), caller, clock.now.plusSeconds(60));
    assertThat(cache.lookup(TokenCache.key("abc.def.ghj"))).isEmpty();
  }
}
