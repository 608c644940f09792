package io.github.aksdevsecops.gate.decide;

import io.github.aksdevsecops.gate.model.Level;
import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The CVSS threshold policy and the remediation SLA bands. A score, when there is one, decides; the
 * severity word is only the fallback for findings without any v3 score.
 */
public final class Tiers {
  static final BigDecimal BLOCK_FROM = new BigDecimal("9.0");
  static final BigDecimal WARN_FROM = new BigDecimal("7.0");
  static final BigDecimal MEDIUM_FROM = new BigDecimal("4.0");

  static final Duration CRITICAL_SLA = Duration.ofHours(24);
  static final Duration HIGH_SLA = Duration.ofDays(7);
  static final Duration MEDIUM_SLA = Duration.ofDays(30);

  private Tiers() {}

  /** ≥ 9.0 block, 7.0–8.9 warn, below log; without a score CRITICAL block, HIGH warn. */
  public static Level level(Score score, Severity severity) {
    if (score != null) {
      if (score.atLeast(BLOCK_FROM)) {
        return Level.BLOCK;
      }
      return score.atLeast(WARN_FROM) ? Level.WARN : Level.LOG;
    }
    return switch (severity) {
      case CRITICAL -> Level.BLOCK;
      case HIGH -> Level.WARN;
      default -> Level.LOG;
    };
  }

  /**
   * ≥ 9.0 24 h, 7.0–8.9 7 days, 4.0–6.9 30 days, below none (null); without a score from the
   * severity word (CRITICAL, HIGH, MEDIUM).
   */
  public static Duration sla(Score score, Severity severity) {
    if (score != null) {
      if (score.atLeast(BLOCK_FROM)) {
        return CRITICAL_SLA;
      }
      if (score.atLeast(WARN_FROM)) {
        return HIGH_SLA;
      }
      return score.atLeast(MEDIUM_FROM) ? MEDIUM_SLA : null;
    }
    return switch (severity) {
      case CRITICAL -> CRITICAL_SLA;
      case HIGH -> HIGH_SLA;
      case MEDIUM -> MEDIUM_SLA;
      default -> null;
    };
  }
}
