package io.github.aksdevsecops.gate.model;

import java.time.Instant;
import java.util.List;

/**
 * A warn-level finding that needs a tracked issue (block fails the build instead).
 *
 * @param title the issue title, stable across runs: {@code <id> in <package> <version>}
 * @param summary the scanner's title or description of the vulnerability
 */
public record Ticket(
    FindingKey key,
    Score score,
    Severity severity,
    boolean escalated,
    Instant firstSeen,
    Instant slaDue,
    String title,
    String summary,
    List<String> references,
    List<String> reports) {

  public Ticket {
    references = List.copyOf(references);
    reports = List.copyOf(reports);
  }
}
