package io.github.aksdevsecops.gate.model;

import java.util.Locale;

/** A scanner's severity word, used only when a finding has no CVSS v3 score. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  NEGLIGIBLE,
  UNKNOWN;

  /** Case-insensitive; absent or unrecognised words are UNKNOWN. */
  public static Severity of(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(word.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** The more severe of two words (CRITICAL before HIGH before ... UNKNOWN). */
  public Severity max(Severity other) {
    return ordinal() <= other.ordinal() ? this : other;
  }
}
