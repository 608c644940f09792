package io.github.aksdevsecops.gate.model;

import java.util.Locale;

/** What a finding does to the build, least severe first (the order is used for escalation). */
public enum Level {
  LOG,
  WARN,
  BLOCK;

  /** One level up; block is the top. */
  public Level up() {
    return this == BLOCK ? BLOCK : values()[ordinal() + 1];
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
