package io.github.aksdevsecops.app.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkValidator;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A token's {@code alg} must be the one its JWKS key names, or, for a key that names none (Entra ID
 * publishes its keys without {@code alg}), one of the configured algorithms; keys meant for
 * encryption never verify. Without this an RSA key would verify any RSA scheme the token asks for
 * (RS256, RS512, PS256…), whatever the issuer actually signs with.
 */
@Singleton
@Replaces(DefaultJwkValidator.class)
class AlgorithmRestrictedJwkValidator extends DefaultJwkValidator {

  private final Set<JWSAlgorithm> allowed;

  AlgorithmRestrictedJwkValidator(TokenSettings settings) {
    this.allowed =
        settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
  }

  @Override
  public boolean validate(SignedJWT jwt, JWK jwk) {
    return permits(jwt.getHeader().getAlgorithm(), jwk) && super.validate(jwt, jwk);
  }

  boolean permits(JWSAlgorithm algorithm, JWK jwk) {
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      return false;
    }
    return jwk.getAlgorithm() != null
        ? jwk.getAlgorithm().equals(algorithm)
        : allowed.contains(algorithm);
  }
}
