package io.github.aksdevsecops.app.security;

/** The service's settings cannot work; the message names what to set and is safe to log. */
public final class InvalidConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message, null, false, false);
  }
}
