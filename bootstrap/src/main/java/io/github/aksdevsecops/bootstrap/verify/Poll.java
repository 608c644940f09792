package io.github.aksdevsecops.bootstrap.verify;

import java.time.Duration;
import java.util.Optional;

/** Asks again until an answer arrives or the patience runs out. */
public final class Poll {
  /** One attempt: empty means "not yet". */
  @FunctionalInterface
  public interface Attempt<T> {
    Optional<T> once() throws InterruptedException;
  }

  private Poll() {}

  /** Within the run's patience, asking at its poll interval. */
  public static <T> Optional<T> until(Timing timing, Attempt<T> attempt)
      throws InterruptedException {
    return until(timing.patience(), timing.poll(), attempt);
  }

  static <T> Optional<T> until(Duration patience, Duration interval, Attempt<T> attempt)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Optional<T> answer = attempt.once();
      if (answer.isPresent()) {
        return answer;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
    }
  }
}
