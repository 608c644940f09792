package io.github.aksdevsecops.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Http;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness follows the issuer's keys: DOWN while they cannot be loaded, UP once they can. */
class JwksReadinessTest {

  @Test
  void readinessIsDownUntilTheJwksCanBeLoaded() throws IOException, InterruptedException {
    Path keys = Files.createTempFile("jwks", ".json");
    Files.delete(keys);
    Map<String, Object> props = new HashMap<>(new AppTestProperties() {}.getProperties());
    props.put("JWKS_URL", keys.toUri().toString());
    props.put("micronaut.security.token.jwt.signatures.jwks.entra.cache-expiration", "1");
    int management = Integer.parseInt((String) props.get("endpoints.all.port"));
    URI mgmt = URI.create("http://127.0.0.1:" + management);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
      HttpResponse<String> down = Http.send(Http.request(mgmt, "/health/readiness").GET());
      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(Http.send(Http.request(mgmt, "/health/liveness").GET()).statusCode())
          .as("an issuer outage is no reason to restart")
          .isEqualTo(200);

      Files.writeString(keys, io.github.aksdevsecops.app.support.Jwks.get().jwks());
      int status = 0;
      for (int i = 0; i < 20 && status != 200; i++) {
        Thread.sleep(250);
        status = Http.send(Http.request(mgmt, "/health/readiness").GET()).statusCode();
      }
      assertThat(status).isEqualTo(200);
    } finally {
      Files.deleteIfExists(keys);
    }
  }
}
