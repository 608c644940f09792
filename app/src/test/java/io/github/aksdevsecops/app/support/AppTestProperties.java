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
    return defaults();
  }

  private static Map<String, String> defaults() {
    Map<String, String> p = new HashMap<>(Jwks.get().properties());
    p.put("endpoints.all.port", Integer.toString(freePort()));
    p.put("app.shutdown.delay", "0s");
    return p;
  }

  /** The default properties plus the given key/value pairs. */
  default Map<String, String> propertiesWith(String... keyValues) {
    Map<String, String> p = defaults();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
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
