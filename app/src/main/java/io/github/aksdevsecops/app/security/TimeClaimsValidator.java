package io.github.aksdevsecops.app.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The time claims, stricter than Micronaut's own check (which accepts a token without {@code exp}
 * and ignores {@code nbf}): {@code exp} is required and must be in the future; {@code nbf}, when
 * present, must not be later than now plus the clock skew. The skew only helps a host whose clock
 * lags the issuer's; an expired token is never accepted.
 */
@Singleton
@Replaces(ExpirationJwtClaimsValidator.class)
class TimeClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

  private final Clock clock;
  private final Duration skew;

  @Inject
  TimeClaimsValidator(TokenSettings settings) {
    this(settings.clockSkew(), Clock.systemUTC());
  }

  TimeClaimsValidator(Duration skew, Clock clock) {
    this.skew = skew;
    this.clock = clock;
  }

  @Override
  public boolean validate(Claims claims, @Nullable T request) {
    return validate(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims));
  }

  boolean validate(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null || !now.isBefore(expiry.toInstant())) {
      return false;
    }
    Date notBefore = claims.getNotBeforeTime();
    return notBefore == null || !now.plus(skew).isBefore(notBefore.toInstant());
  }
}
