package io.github.aksdevsecops.app.health;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Readiness is DOWN while the issuer's keys cannot be loaded: without them every request would be
 * refused with 401, and Kubernetes should send traffic to a pod that can check tokens instead. The
 * check goes through the same cached fetcher as token validation, so a probe costs a JWKS request
 * only when the cache has expired or holds no keys. Liveness is not affected: an issuer outage is
 * not cured by restarting the pod.
 */
@Singleton
@Readiness
class JwksReadiness implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(JwksReadiness.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(4);

  private final JwkSetFetcher<JWKSet> fetcher;
  private final JwksSignatureConfiguration jwks;
  private final AtomicBoolean loaded = new AtomicBoolean(true);

  JwksReadiness(JwkSetFetcher<JWKSet> fetcher, JwksSignatureConfiguration jwks) {
    this.fetcher = fetcher;
    this.jwks = jwks;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.from(fetcher.fetch(jwks.getName(), jwks.getUrl()))
        .map(keys -> !keys.getKeys().isEmpty())
        .defaultIfEmpty(false)
        .timeout(TIMEOUT, Mono.just(false))
        .onErrorReturn(false)
        .map(this::result);
  }

  private HealthResult result(boolean hasKeys) {
    if (loaded.getAndSet(hasKeys) != hasKeys) {
      if (hasKeys) {
        LOG.info("JWKS loaded: readiness UP");
      } else {
        LOG.warn("JWKS has no keys or cannot be loaded: readiness DOWN");
      }
    }
    return HealthResult.builder("jwks", hasKeys ? HealthStatus.UP : HealthStatus.DOWN).build();
  }
}
