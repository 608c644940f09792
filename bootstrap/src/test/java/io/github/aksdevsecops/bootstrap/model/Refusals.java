package io.github.aksdevsecops.bootstrap.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The assertion every reader test makes of bad input: refused, at the line, saying why. */
public final class Refusals {
  private Refusals() {}

  /**
   * {@code read} throws {@link InvalidInputException} whose first problem is at {@code line} and
   * whose message contains {@code message}.
   */
  public static void assertRefusedAt(ThrowingCallable read, int line, String message) {
    assertRefusedAt(read, "", line, message);
  }

  /** As {@link #assertRefusedAt(ThrowingCallable, int, String)}, described as {@code scenario}. */
  public static void assertRefusedAt(
      ThrowingCallable read, String scenario, int line, String message) {
    assertThatThrownBy(read)
        .as(scenario)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems().get(0).line()).isEqualTo(line);
              assertThat(e.getMessage()).contains(message);
            });
  }
}
