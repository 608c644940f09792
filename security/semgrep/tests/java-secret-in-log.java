import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSamples {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingSamples.class);

  void login(String user, String password, Credentials credentials) {
    // ruleid: java-secret-in-log
    LOG.debug("login for {} with {}", user, password);
    // ruleid: java-secret-in-log
    LOG.info("client secret is {}", credentials.clientSecret());
    // ok: java-secret-in-log
    LOG.info("token refreshed for {}", user);
    // ok: java-secret-in-log
    LOG.warn("login failed for {}", user);
  }

  record Credentials(String clientSecret) {}
}
