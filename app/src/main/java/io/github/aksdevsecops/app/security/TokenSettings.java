package io.github.aksdevsecops.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who issues the tokens this service accepts, and how strictly they are checked ({@code
 * app.token}). The issuer settings have no default: a service that cannot check tokens must not
 * start, rather than start and answer 500 to every request while its health says UP. {@link
 * #check()} names each missing setting by the environment variable that sets it.
 *
 * @param jwksUrl JWKS of the issuer ({@code JWKS_URL})
 * @param issuer expected {@code iss} ({@code JWT_ISSUER})
 * @param audience expected {@code aud} ({@code JWT_AUDIENCE})
 * @param clockSkew how far this host's clock may lag the issuer's for {@code nbf}
 * @param algorithms signature algorithms accepted for JWKS keys that do not name their own
 * @param cacheMaxTtl longest time a validated token is reused without checking it again
 * @param cacheMaxSize most validated tokens remembered at once
 */
@ConfigurationProperties("app.token")
public record TokenSettings(
    @Nullable String jwksUrl,
    @Nullable String issuer,
    @Nullable String audience,
    @Bindable(defaultValue = "30s") Duration clockSkew,
    @Bindable(defaultValue = "RS256") List<String> algorithms,
    @Bindable(defaultValue = "30s") Duration cacheMaxTtl,
    @Bindable(defaultValue = "10000") int cacheMaxSize) {

  private static final Set<String> JWKS_SCHEMES = Set.of("https", "http", "file");

  public TokenSettings {
    algorithms = List.copyOf(algorithms);
  }

  /** Every problem of these settings, each naming what to set; empty when they are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (blank(jwksUrl)) {
      problems.add("JWKS_URL is not set (the JWKS URL of the token issuer)");
    } else if (!JWKS_SCHEMES.contains(scheme(jwksUrl))) {
      problems.add("JWKS_URL is not an http(s) or file URL");
    }
    if (blank(issuer)) {
      problems.add("JWT_ISSUER is not set (the expected iss of tokens)");
    }
    if (blank(audience)) {
      problems.add("JWT_AUDIENCE is not set (the expected aud of tokens)");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      problems.add("app.token.clock-skew must be between 0 and 5 minutes");
    }
    if (algorithms.isEmpty() || algorithms.stream().anyMatch(a -> !a.matches("(RS|PS|ES)\\d{3}"))) {
      problems.add(
          "app.token.algorithms must list asymmetric JWS algorithms (RS256, PS256, ES256…)");
    }
    if (cacheMaxTtl.isNegative() || cacheMaxTtl.compareTo(Duration.ofMinutes(5)) > 0) {
      problems.add("app.token.cache-max-ttl must be between 0 and 5 minutes");
    }
    if (cacheMaxSize < 0) {
      problems.add("app.token.cache-max-size must not be negative");
    }
    return List.copyOf(problems);
  }

  /** Throws {@link InvalidConfigurationException} naming every problem. */
  public TokenSettings check() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(String.join("; ", problems));
    }
    return this;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String scheme(String url) {
    try {
      String scheme = URI.create(url.trim()).getScheme();
      return scheme == null ? "" : scheme;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
