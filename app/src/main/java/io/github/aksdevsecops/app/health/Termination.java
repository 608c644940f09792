package io.github.aksdevsecops.app.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM handling in the order Kubernetes needs. The JVM's own handler starts the shutdown hooks,
 * and Micronaut's hook closes the listeners first, so readiness could never be seen DOWN and
 * requests in flight would be cut. This handler replaces it: readiness DOWN, drain delay (the pod
 * leaves the Service endpoints while still serving), graceful shutdown of the server (no new
 * connections, in-flight requests complete, bounded by the grace period), then the JVM's own
 * handler, which runs the shutdown hooks and exits with 143.
 */
@Singleton
public class Termination {

  private static final Logger LOG = LoggerFactory.getLogger(Termination.class);

  private final ShutdownReadiness readiness;
  private final GracefulShutdownManager shutdown;
  private final Duration gracePeriod;
  private volatile SignalHandler jvmHandler;

  Termination(
      ShutdownReadiness readiness,
      GracefulShutdownManager shutdown,
      @Value("${micronaut.lifecycle.graceful-shutdown.grace-period:20s}") Duration gracePeriod) {
    this.readiness = readiness;
    this.shutdown = shutdown;
    this.gracePeriod = gracePeriod;
  }

  /** Installs the SIGTERM handler; called once by the application's main method. */
  public void install() {
    SignalHandler original =
        Signal.handle(
            new Signal("TERM"),
            signal -> new Thread(() -> terminate(signal, this.jvmHandler), "sigterm").start());
    this.jvmHandler = original;
  }

  /** Drains, then hands the signal back to the JVM's handler, which runs the shutdown hooks. */
  void terminate(Signal signal, SignalHandler then) {
    readiness.beginDrain();
    try {
      shutdown
          .shutdownGracefully()
          .toCompletableFuture()
          .get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("in-flight requests completed");
    } catch (TimeoutException e) {
      LOG.warn("grace period of {} ms elapsed with requests in flight", gracePeriod.toMillis());
    } catch (ExecutionException e) {
      LOG.warn("graceful shutdown failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    then.handle(signal);
  }
}
