package io.github.aksdevsecops.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens that passed the full check (signature, issuer, audience, time claims), so that the RSA
 * verification runs once per token instead of once per request.
 *
 * <p>Keyed by the SHA-256 of the exact token text: one changed byte is another key, and the cache
 * never holds bearer tokens themselves. An entry lives until the token's {@code exp} or for the
 * maximum TTL, whichever comes first, so a key removed from the issuer's JWKS stops being trusted
 * within the TTL after the JWKS cache has dropped it; a hit is refused once {@code exp} has passed
 * even if eviction has not happened yet. Size-capped; only successes are remembered. Hits and
 * misses are exported as {@code cache_gets_total{cache="token_validation",result=...}}.
 */
final class TokenCache {

  static final String METRIC_NAME = "token_validation";

  private record Entry(Authentication authentication, Instant expiresAt) {}

  private final Cache<String, Entry> cache;
  private final Duration maxTtl;
  private final Clock clock;

  TokenCache(TokenSettings settings, MeterRegistry registry, Clock clock) {
    this.maxTtl = settings.cacheMaxTtl();
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(settings.cacheMaxSize())
            .expireAfter(new UntilExpiry())
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(registry, cache, METRIC_NAME);
  }

  /** The authentication of a token validated earlier and still within its lifetime. */
  Optional<Authentication> lookup(String key) {
    Entry entry = cache.getIfPresent(key);
    if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(entry.authentication());
  }

  /** Remembers a token that the uncached path accepted, until {@code exp} or the maximum TTL. */
  void store(String key, Authentication authentication, Instant tokenExpiry) {
    Instant until = clock.instant().plus(maxTtl);
    cache.put(key, new Entry(authentication, tokenExpiry.isBefore(until) ? tokenExpiry : until));
  }

  static String key(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  private final class UntilExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return Math.max(0, Duration.between(clock.instant(), entry.expiresAt()).toNanos());
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return expireAfterCreate(key, entry, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
