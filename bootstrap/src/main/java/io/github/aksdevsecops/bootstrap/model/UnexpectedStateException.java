package io.github.aksdevsecops.bootstrap.model;

/**
 * The cluster or the cloud is not what the environment file says (wrong context or subscription,
 * missing tool, failed preflight): nothing was changed (exit code 3).
 */
public class UnexpectedStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnexpectedStateException(String message) {
    super(message);
  }

  public UnexpectedStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
