package io.github.aksdevsecops.app.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain that precedes the graceful shutdown. While it lasts, readiness is DOWN and every
 * response carries {@code Connection: close} ({@link DrainFilter}): a client holding a keep-alive
 * connection gets its answer and then opens a new connection, which the Service sends to another
 * pod. Without it, keep-alive clients reuse their connection until the server closes it, and a
 * request written at that moment is lost. Closing idle connections and waiting for the requests in
 * flight is Micronaut's graceful shutdown, which follows the drain ({@link Termination}).
 */
@Singleton
@Readiness
public class Drain implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

  private final AtomicBoolean draining = new AtomicBoolean();
  private final Duration delay;

  Drain(Settings settings) {
    this.delay = settings.delay();
  }

  /** {@code app.shutdown.delay}: how long the drain lasts. */
  @ConfigurationProperties("app.shutdown")
  public record Settings(@Bindable(defaultValue = "3s") Duration delay) {}

  public boolean isDraining() {
    return draining.get();
  }

  /** Starts the drain and waits until it is over, once; later calls return at once. */
  public void drain() {
    if (draining.compareAndSet(false, true)) {
      LOG.info(
          "shutdown started: readiness DOWN, Connection: close on every response for {} ms",
          delay.toMillis());
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Publisher<HealthResult> getResult() {
    HealthStatus status = draining.get() ? HealthStatus.DOWN : HealthStatus.UP;
    return Publishers.just(HealthResult.builder("shutdown", status).build());
  }
}
