package io.github.aksdevsecops.bootstrap.execute;

import java.time.Duration;

/**
 * While open, a JVM shutdown (Ctrl-C, SIGTERM) cancels the engine and waits for running steps to be
 * journaled (or runs another cancellation, e.g. verify's sandbox removal); closing removes the
 * hook.
 */
public final class CancelOnShutdown implements AutoCloseable {
  static final Duration GRACE = Duration.ofSeconds(60);
  private final Thread hook;

  private CancelOnShutdown(Thread hook) {
    this.hook = hook;
  }

  public static CancelOnShutdown register(Engine engine) {
    return register(
        () -> {
          try {
            engine.cancelAndAwait(GRACE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Runs {@code cancel} if the JVM shuts down while this is open. */
  public static CancelOnShutdown register(Runnable cancel) {
    Thread hook = new Thread(cancel, "cancel-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new CancelOnShutdown(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping: the hook has cancelled the engine.
    }
  }
}
