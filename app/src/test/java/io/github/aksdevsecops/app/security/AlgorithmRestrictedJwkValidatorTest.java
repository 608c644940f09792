package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlgorithmRestrictedJwkValidatorTest {

  private final AlgorithmRestrictedJwkValidator validator =
      new AlgorithmRestrictedJwkValidator(
          new TokenSettings(
              "file:///k", "i", "a", Duration.ZERO, List.of("RS256"), Duration.ZERO, 0));

  @Test
  void aKeyWithoutAlgAcceptsOnlyTheConfiguredAlgorithms() throws JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).generate();
    assertThat(validator.permits(JWSAlgorithm.RS256, key)).isTrue();
    assertThat(validator.permits(JWSAlgorithm.RS512, key)).isFalse();
    assertThat(validator.permits(JWSAlgorithm.PS256, key)).isFalse();
  }

  @Test
  void aKeyThatNamesItsAlgAcceptsOnlyThatOne() throws JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.PS384).generate();
    assertThat(validator.permits(JWSAlgorithm.PS384, key)).isTrue();
    assertThat(validator.permits(JWSAlgorithm.RS256, key)).isFalse();
  }

  @Test
  void anEncryptionKeyNeverVerifies() throws JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.ENCRYPTION).generate();
    assertThat(validator.permits(JWSAlgorithm.RS256, key)).isFalse();
  }
}
