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

  /** The Entra object id the tokens carry. */
  public static final String OID = "00000000-0000-0000-0000-0000000000a1";

  private static final Jwks INSTANCE = new Jwks();

  private volatile RSAKey key;
  private final RSAKey stranger;
  private final String url;

  private Jwks() {
    try {
      key = newKey("test-key");
      stranger = newKey("test-key");
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/keys",
          exchange -> {
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      url = "http://127.0.0.1:" + server.getAddress().getPort() + "/keys";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer every test shares. */
  public static Jwks get() {
    return INSTANCE;
  }

  /** An issuer of its own, for a test that rotates its key. */
  public static Jwks newIssuer() {
    return new Jwks();
  }

  private static RSAKey newKey(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWKS as served (Entra-like: keys without {@code alg}). */
  public String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** Replaces the signing key: the old one disappears from the JWKS, as after a rotation. */
  public void rotate() {
    key = newKey("rotated-" + System.nanoTime());
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

  /** Valid claims for the scopes, expiring at the given time; tests change what they probe. */
  public static JWTClaimsSet.Builder claims(String scopes, Instant expiry) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("user-1")
        .claim("oid", OID)
        .claim("scp", scopes)
        .issueTime(Date.from(expiry.minusSeconds(900)))
        .notBeforeTime(Date.from(expiry.minusSeconds(900)))
        .expirationTime(Date.from(expiry));
  }

  /** Signed with the current key (RS256). */
  public String sign(JWTClaimsSet claims) {
    return sign(key, claims);
  }

  /** Signed with the current key, claiming another RSA algorithm. */
  public String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
    return sign(key, claims, algorithm);
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    return sign(with, claims, JWSAlgorithm.RS256);
  }

  private static String sign(RSAKey with, JWTClaimsSet claims, JWSAlgorithm algorithm) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(algorithm).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
