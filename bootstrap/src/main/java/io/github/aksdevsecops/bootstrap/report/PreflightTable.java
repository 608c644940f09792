package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import java.util.List;

/** The preflight checks as the console shows them, one line each. */
public final class PreflightTable {
  private PreflightTable() {}

  public static String text(List<Preflight.Check> checks) {
    StringBuilder sb = new StringBuilder("preflight:\n");
    for (Preflight.Check c : checks) {
      sb.append(String.format("  %-4s %-26s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail()));
    }
    return sb.toString();
  }
}
