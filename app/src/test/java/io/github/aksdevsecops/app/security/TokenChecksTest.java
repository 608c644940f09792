package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.aksdevsecops.app.support.Api;
import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Jwks;
import io.github.aksdevsecops.app.support.LogCapture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What a token must be, beyond a valid signature, issuer and audience; and what gets audited. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenChecksTest implements AppTestProperties {

  @Inject EmbeddedServer server;

  private int get(String token) {
    return Api.on(server.getPort()).statusWithToken("/api/v1/items", token);
  }

  private static JWTClaimsSet.Builder valid() {
    return Jwks.claims("items.read", Instant.now().plusSeconds(300));
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    assertThat(get(Jwks.get().sign(valid().build()))).isEqualTo(200);
    assertThat(get(Jwks.get().sign(valid().expirationTime(null).build()))).isEqualTo(401);
  }

  @Test
  void notBeforeIsHonouredWithASmallClockSkew() {
    Date soon = Date.from(Instant.now().plusSeconds(10));
    Date later = Date.from(Instant.now().plusSeconds(120));
    assertThat(get(Jwks.get().sign(valid().notBeforeTime(soon).build())))
        .as("nbf within the 30 s skew")
        .isEqualTo(200);
    assertThat(get(Jwks.get().sign(valid().notBeforeTime(later).build()))).isEqualTo(401);
  }

  @Test
  void theAlgorithmMustBeTheOneTheIssuerUses() {
    JWTClaimsSet claims = valid().build();
    assertThat(get(Jwks.get().sign(claims, JWSAlgorithm.RS256))).isEqualTo(200);
    assertThat(get(Jwks.get().sign(claims, JWSAlgorithm.RS512)))
        .as("same key, another RSA scheme")
        .isEqualTo(401);
    assertThat(get(Jwks.get().sign(claims, JWSAlgorithm.PS256))).isEqualTo(401);
  }

  @Test
  void authenticationFailuresAreAuditedWithoutTheToken() {
    String forged = Jwks.get().forgedToken("items.read");
    try (LogCapture audit = LogCapture.of("audit.auth")) {
      assertThat(get(forged)).isEqualTo(401);
      assertThat(audit.messages())
          .containsExactly(
              "authentication failed reason=invalid_token method=GET path=/api/v1/items");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesAreAuditedWithTheCallersObjectId() throws IOException {
    Api api = Api.on(server.getPort());
    try (LogCapture audit = LogCapture.of("audit.items")) {
      HttpResponse<String> created =
          api.call("POST", "/api/v1/items", "items.write", "{\"name\":\"audited\"}");
      String id =
          (String) JsonMapper.createDefault().readValue(created.body(), Map.class).get("id");
      assertThat(
              api.call("PUT", "/api/v1/items/" + id, "items.write", "{\"name\":\"b\"}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(api.call("DELETE", "/api/v1/items/" + id, "items.write", null).statusCode())
          .isEqualTo(204);
      String who = " oid=" + Jwks.OID + " sub=user-1";
      assertThat(audit.messages())
          .containsExactly(
              "item created id=" + id + who,
              "item updated id=" + id + who,
              "item deleted id=" + id + who);
    }
  }
}
