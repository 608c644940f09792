package io.github.aksdevsecops.gate.model;

import java.math.BigDecimal;

/**
 * A CVSS v3.x base score and where it came from, e.g. {@code nvd V3Score}, {@code ghsa V3Vector}
 * (computed from the vector) or {@code security-severity}.
 */
public record Score(BigDecimal value, String source) {
  public static final BigDecimal MAX = BigDecimal.TEN;

  public Score {
    if (value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("score " + value + " is outside 0.0-10.0");
    }
  }

  public boolean atLeast(BigDecimal threshold) {
    return value.compareTo(threshold) >= 0;
  }

  public boolean higherThan(Score other) {
    return value.compareTo(other.value) > 0;
  }

  public String text() {
    return value.stripTrailingZeros().scale() <= 0
        ? value.setScale(1).toPlainString()
        : value.stripTrailingZeros().toPlainString();
  }
}
