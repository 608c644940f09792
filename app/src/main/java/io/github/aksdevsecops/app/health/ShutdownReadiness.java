package io.github.aksdevsecops.app.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.order.Ordered;
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
 * Readiness turns DOWN as soon as shutdown begins (SIGTERM). The service then keeps serving for a
 * drain delay, long enough for Kubernetes to see readiness fail and take the pod out of the Service
 * endpoints, before Micronaut's graceful shutdown stops accepting connections and waits for the
 * requests in flight.
 */
@Singleton
@Readiness
public class ShutdownReadiness
    implements HealthIndicator, ApplicationEventListener<ShutdownEvent>, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownReadiness.class);

  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final Duration drainDelay;

  ShutdownReadiness(Drain drain) {
    this.drainDelay = drain.delay();
  }

  /** Drain settings ({@code app.shutdown.delay}). */
  @ConfigurationProperties("app.shutdown")
  public record Drain(@Bindable(defaultValue = "5s") Duration delay) {}

  public boolean isShuttingDown() {
    return shuttingDown.get();
  }

  @Override
  public void onApplicationEvent(ShutdownEvent event) {
    beginDrain();
  }

  /**
   * Turns readiness DOWN and waits the drain delay, once; later calls return at once. Called by the
   * SIGTERM handler ({@link Termination}) and, for a context closed in-process, on shutdown.
   */
  public void beginDrain() {
    if (shuttingDown.compareAndSet(false, true)) {
      LOG.info("shutdown started: readiness DOWN, draining for {} ms", drainDelay.toMillis());
      try {
        Thread.sleep(drainDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Publisher<HealthResult> getResult() {
    HealthStatus status = shuttingDown.get() ? HealthStatus.DOWN : HealthStatus.UP;
    return io.micronaut.core.async.publisher.Publishers.just(
        HealthResult.builder("shutdown", status).build());
  }

  /** Runs before the graceful-shutdown listener so readiness fails while requests still flow. */
  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
