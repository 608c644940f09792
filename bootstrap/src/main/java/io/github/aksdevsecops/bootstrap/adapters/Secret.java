package io.github.aksdevsecops.bootstrap.adapters;

/** A value that must never be printed, logged or journaled: toString() hides it. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
