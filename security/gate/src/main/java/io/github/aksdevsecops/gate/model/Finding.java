package io.github.aksdevsecops.gate.model;

import java.util.List;

/**
 * A de-duplicated finding: every report that names the same key, with the highest score any of them
 * gives (null when none gives a v3 score) and the most severe word.
 */
public record Finding(
    FindingKey key,
    Score score,
    Severity severity,
    String title,
    List<String> references,
    List<String> locations,
    List<String> reports) {

  public Finding {
    references = List.copyOf(references);
    locations = List.copyOf(locations);
    reports = List.copyOf(reports);
  }
}
