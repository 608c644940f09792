package io.github.aksdevsecops.bootstrap.model;

import java.util.List;

/**
 * A step did not reach its goal (exit code 1). {@code tail} holds the last lines the failing tool
 * printed, already masked, so the failure can be diagnosed from the report alone.
 */
public class StepFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> tail;

  public StepFailedException(String message) {
    this(message, List.of());
  }

  public StepFailedException(String message, List<String> tail) {
    super(message);
    this.tail = List.copyOf(tail);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
    this.tail = List.of();
  }

  public List<String> tail() {
    return tail;
  }
}
