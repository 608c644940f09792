package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;

/** The exit codes of every command, defined once. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int STEP_FAILED = 1;
  public static final int INVALID_INPUT = 2;
  public static final int UNEXPECTED_STATE = 3;
  public static final int INTERNAL = 4;

  private ExitCodes() {}

  static int of(Throwable error) {
    if (error instanceof InvalidInputException) {
      return INVALID_INPUT;
    }
    if (error instanceof UnexpectedStateException) {
      return UNEXPECTED_STATE;
    }
    if (error instanceof StepFailedException) {
      return STEP_FAILED;
    }
    return INTERNAL;
  }
}
