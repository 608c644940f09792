package io.github.aksdevsecops.app.health;

import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does, as a JVM shutdown hook: the drain ({@link Drain}), then closing the context,
 * which runs Micronaut's graceful shutdown (listeners closed, idle connections closed, requests in
 * flight completed within {@code micronaut.lifecycle.graceful-shutdown.grace-period}) before the
 * beans are destroyed. The application starts its server itself rather than through {@code
 * Micronaut.run}, whose own shutdown hook would stop the server first and cut the drain short.
 *
 * <p>In Kubernetes a {@code preStop} sleep comes before SIGTERM, so the pod has left the Service's
 * endpoints by the time the drain starts; the drain is for connections opened before that.
 */
public final class Termination implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Termination.class);

  private final ApplicationContext context;

  public Termination(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    if (!context.isRunning()) {
      return;
    }
    context.getBean(Drain.class).drain();
    context.close();
    LOG.info("stopped");
  }
}
