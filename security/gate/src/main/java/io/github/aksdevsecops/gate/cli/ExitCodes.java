package io.github.aksdevsecops.gate.cli;

import io.github.aksdevsecops.gate.model.Decision;

/** The exit codes of the gate, defined once. */
public final class ExitCodes {
  /** PASS or WARN: the build goes on (warn findings become tickets). */
  public static final int OK = 0;

  /** BLOCK: a finding at block level after the ignore list and SLA escalation. */
  public static final int BLOCK = 1;

  /** INVALID: a report, the ignore file, the state file or the command line is unusable. */
  public static final int INVALID = 2;

  /** An output file could not be written, or an unexpected error. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}

  static int of(Decision decision) {
    return switch (decision) {
      case PASS, WARN -> OK;
      case BLOCK -> BLOCK;
      case INVALID -> INVALID;
    };
  }
}
