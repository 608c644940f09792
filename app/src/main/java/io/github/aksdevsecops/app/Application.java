package io.github.aksdevsecops.app;

import io.github.aksdevsecops.app.health.Termination;
import io.github.aksdevsecops.app.security.InvalidConfigurationException;
import io.github.aksdevsecops.app.security.TokenSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of devsecops-app. Starts the context and the server itself (not through {@code
 * Micronaut.run}) so that the service can refuse to start with one clear line, and so that SIGTERM
 * runs {@link Termination} rather than Micronaut's hook, which would stop the server before the
 * drain.
 */
public final class Application {

  /** Exit status when the configuration cannot work (sysexits' EX_CONFIG). */
  static final int EXIT_INVALID_CONFIGURATION = 78;

  static final int EXIT_STARTUP_FAILED = 1;

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private Application() {}

  public static void main(String[] args) {
    int status = start(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Starts the service; returns 0 once it is serving, or the exit status of a failed start. */
  static int start(String[] args) {
    // No banner: every line on stdout is a JSON log record.
    ApplicationContext context =
        Micronaut.build(args).mainClass(Application.class).banner(false).build();
    try {
      context.start();
      context.getBean(TokenSettings.class).check();
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(new Termination(context), "termination"));
      LOG.info(
          "started in {} ms on port {}",
          ManagementFactory.getRuntimeMXBean().getUptime(),
          server.getPort());
      return 0;
    } catch (RuntimeException e) {
      InvalidConfigurationException invalid = invalidConfiguration(e);
      if (invalid != null) {
        LOG.error("not started: {}", invalid.getMessage());
      } else {
        LOG.error("not started: {}", e.toString(), e);
      }
      if (context.isRunning()) {
        context.close();
      }
      return invalid != null ? EXIT_INVALID_CONFIGURATION : EXIT_STARTUP_FAILED;
    }
  }

  private static InvalidConfigurationException invalidConfiguration(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigurationException invalid) {
        return invalid;
      }
    }
    return null;
  }
}
