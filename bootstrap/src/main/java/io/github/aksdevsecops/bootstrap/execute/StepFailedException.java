package io.github.aksdevsecops.bootstrap.execute;

/** A step did not reach its goal (exit code 1). */
public class StepFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
