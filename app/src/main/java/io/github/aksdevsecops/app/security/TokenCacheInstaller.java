package io.github.aksdevsecops.app.security;

import com.nimbusds.jwt.JWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Puts {@link TokenCache} in front of Micronaut's JWT validator as the validator is created, so
 * that every token check of the security filter goes through it. A maximum size or TTL of zero
 * leaves the validator as it is.
 */
@Singleton
@SuppressWarnings({"rawtypes", "unchecked"})
class TokenCacheInstaller implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator> {

  private final TokenSettings settings;
  private final Provider<MeterRegistry> registry;
  private final Provider<JwtAuthenticationFactory> authentications;

  TokenCacheInstaller(
      TokenSettings settings,
      Provider<MeterRegistry> registry,
      Provider<JwtAuthenticationFactory> authentications) {
    this.settings = settings;
    this.registry = registry;
    this.authentications = authentications;
  }

  @Override
  public ReactiveJsonWebTokenValidator onCreated(
      BeanCreatedEvent<ReactiveJsonWebTokenValidator> event) {
    if (settings.cacheMaxSize() == 0 || settings.cacheMaxTtl().isZero()) {
      return event.getBean();
    }
    TokenCache cache = new TokenCache(settings, registry.get(), Clock.systemUTC());
    ReactiveJsonWebTokenValidator<JWT, Object> validator = event.getBean();
    return new CachingTokenValidator<>(validator, authentications.get(), cache);
  }
}
