package io.github.aksdevsecops.gate.model;

import java.util.List;

/**
 * One vulnerability as one report states it, before de-duplication.
 *
 * @param score the highest CVSS v3.x base score the report gives, or null
 * @param location where the report found the package (image, lock file, jar), or empty
 * @param report the report file as named on the command line
 */
public record ReportedFinding(
    FindingKey key,
    Score score,
    Severity severity,
    String title,
    List<String> references,
    String location,
    String report) {

  public ReportedFinding {
    references = List.copyOf(references);
  }
}
