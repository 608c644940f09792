package io.github.aksdevsecops.app.web;

import io.micronaut.http.HttpStatus;

/** Raised by the API for an expected failure; rendered as a problem with the given detail. */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  public ProblemException(HttpStatus status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
