package io.github.aksdevsecops.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * A token issuer for tests: one RSA key generated per JVM, its public JWKS served over real HTTP on
 * loopback (as Entra ID serves its keys), and tokens signed with it.
 */
public final class Jwks {

  public static final String ISSUER = "https://login.example.test/tenant/v2.0";
  public static final String AUDIENCE = "api://devsecops-app";

  private static final Jwks INSTANCE = new Jwks();

  private final RSAKey key;
  private final RSAKey stranger;
  private final String url;

  private Jwks() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-key").generate();
      stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
      byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/keys",
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      url = "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Jwks get() {
    return INSTANCE;
  }

  /** Properties that point the service at this issuer. */
  public Map<String, String> properties() {
    Map<String, String> p = new HashMap<>();
    p.put("JWKS_URL", url);
    p.put("JWT_ISSUER", ISSUER);
    p.put("JWT_AUDIENCE", AUDIENCE);
    return p;
  }

  public String url() {
    return url;
  }

  /** A valid token carrying the given delegated scopes (Entra's space-separated scp claim). */
  public String token(String scopes) {
    return sign(key, claims(scopes, Instant.now().plusSeconds(300)).build());
  }

  public String expiredToken(String scopes) {
    return sign(key, claims(scopes, Instant.now().minusSeconds(600)).build());
  }

  /** Same key id, different key: the signature cannot verify. */
  public String forgedToken(String scopes) {
    return sign(stranger, claims(scopes, Instant.now().plusSeconds(300)).build());
  }

  public String wrongAudienceToken(String scopes) {
    return sign(
        key, claims(scopes, Instant.now().plusSeconds(300)).audience("api://other").build());
  }

  private static JWTClaimsSet.Builder claims(String scopes, Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("user-1")
        .claim("scp", scopes)
        .issueTime(Date.from(expiry.minusSeconds(900)))
        .notBeforeTime(Date.from(expiry.minusSeconds(900)))
        .expirationTime(Date.from(expiry));
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
