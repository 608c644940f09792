package io.github.aksdevsecops.gate.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A finding after the ignore list, tiering and SLA escalation.
 *
 * @param baseLevel the level from the score (or severity word) alone
 * @param finalLevel the level after escalation; for a suppressed finding, its base level
 * @param suppressedBy the active ignore entry that covers it, or null
 * @param sla the remediation time of its band, or null when the band has none
 * @param slaDue firstSeen plus the SLA, or null
 */
public record EvaluatedFinding(
    Finding finding,
    Level baseLevel,
    Level finalLevel,
    boolean escalated,
    IgnoreEntry suppressedBy,
    Duration sla,
    Instant firstSeen,
    Instant slaDue) {

  public boolean suppressed() {
    return suppressedBy != null;
  }

  /** block, warn, log or suppressed. */
  public String levelLabel() {
    return suppressed() ? "suppressed" : finalLevel.name().toLowerCase(Locale.ROOT);
  }

  public FindingKey key() {
    return finding.key();
  }
}
