package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TimeClaimsValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private final TimeClaimsValidator<Object> validator =
      new TimeClaimsValidator<>(Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

  private static JWTClaimsSet claims(Instant expiry, Instant notBefore) {
    return new JWTClaimsSet.Builder()
        .expirationTime(expiry == null ? null : Date.from(expiry))
        .notBeforeTime(notBefore == null ? null : Date.from(notBefore))
        .build();
  }

  @Test
  void requiresAnExpiryInTheFuture() {
    assertThat(validator.validate(claims(null, null))).as("no exp").isFalse();
    assertThat(validator.validate(claims(NOW, null))).as("exp now").isFalse();
    assertThat(validator.validate(claims(NOW.minusSeconds(1), null))).as("expired").isFalse();
    assertThat(validator.validate(claims(NOW.plusSeconds(1), null))).isTrue();
  }

  @Test
  void honoursNotBeforeWithTheClockSkewOnly() {
    Instant expiry = NOW.plusSeconds(3600);
    assertThat(validator.validate(claims(expiry, NOW.plusSeconds(30)))).as("within skew").isTrue();
    assertThat(validator.validate(claims(expiry, NOW.plusSeconds(31)))).as("too early").isFalse();
    assertThat(validator.validate(claims(expiry, NOW.minusSeconds(60)))).isTrue();
  }
}
