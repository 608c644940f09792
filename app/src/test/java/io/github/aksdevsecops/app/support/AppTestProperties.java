package io.github.aksdevsecops.app.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Test classes implement this to run the service on a random public port, a free management port
 * (Micronaut needs a concrete one) and the loopback JWKS issuer.
 */
public interface AppTestProperties extends TestPropertyProvider {

  @Override
  default Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(Jwks.get().properties());
    p.put("endpoints.all.port", Integer.toString(freePort()));
    p.put("app.shutdown.delay", "0s");
    return p;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
