package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {

  private static TokenSettings settings(String jwksUrl, String issuer, String audience) {
    return new TokenSettings(
        jwksUrl,
        issuer,
        audience,
        Duration.ofSeconds(30),
        List.of("RS256"),
        Duration.ofSeconds(30),
        10_000);
  }

  @Test
  void namesEveryMissingSettingByItsEnvironmentVariable() {
    assertThat(settings(null, " ", "").problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("JWKS_URL is not set"))
        .anySatisfy(p -> assertThat(p).startsWith("JWT_ISSUER is not set"))
        .anySatisfy(p -> assertThat(p).startsWith("JWT_AUDIENCE is not set"));
    assertThatThrownBy(() -> settings("https://idp.example/keys", "iss", null).check())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("JWT_AUDIENCE is not set (the expected aud of tokens)");
  }

  @Test
  void refusesAJwksUrlThatIsNotHttpOrFile() {
    assertThat(settings("ftp://idp.example/keys", "iss", "aud").problems())
        .containsExactly("JWKS_URL is not an http(s) or file URL");
    assertThat(settings("not a url", "iss", "aud").problems()).hasSize(1);
    assertThat(settings("https://idp.example/keys", "iss", "aud").problems()).isEmpty();
  }

  @Test
  void refusesSymmetricAlgorithmsAndUnboundedDurations() {
    TokenSettings symmetric =
        new TokenSettings(
            "file:///keys.json",
            "iss",
            "aud",
            Duration.ofHours(1),
            List.of("HS256"),
            Duration.ofHours(1),
            -1);
    assertThat(symmetric.problems())
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).startsWith("app.token."));
  }
}
