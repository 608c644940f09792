package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.List;
import java.util.Map;

/** What validate looked at (counts per kind of asset) and every problem it found. */
public record ValidationReport(Map<String, Integer> checked, List<Problem> problems) {
  public ValidationReport {
    checked = Map.copyOf(checked);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
