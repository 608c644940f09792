package io.github.aksdevsecops.gate.render;

import io.github.aksdevsecops.gate.model.Counts;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import java.util.Locale;

/** {@code --output text}: a table with the facts of the JSON output, for people. */
public final class TextReport {
  private static final String ROW = "%-10s  %-5s  %-22s  %-20s  %-16s  %s%n";

  private TextReport() {}

  public static String render(GateResult result) {
    StringBuilder out = new StringBuilder();
    Counts c = result.counts();
    out.append(
        String.format(
            Locale.ROOT,
            "decision: %s (block %d, warn %d, log %d, suppressed %d; %d tickets)%n",
            result.decision(),
            c.block(),
            c.warn(),
            c.log(),
            c.suppressed(),
            result.tickets().size()));
    if (!result.findings().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT, ROW, "LEVEL", "CVSS", "SCORE SOURCE", "SLA DUE", "BASE", "KEY"));
      for (EvaluatedFinding f : result.findings()) {
        String base = f.baseLevel().label() + (f.escalated() ? " (overdue)" : "");
        out.append(
            String.format(
                Locale.ROOT,
                ROW,
                f.levelLabel(),
                f.finding().score() == null ? "-" : f.finding().score().text(),
                f.finding().score() == null
                    ? "severity " + f.finding().severity()
                    : f.finding().score().source(),
                f.slaDue() == null ? "-" : f.slaDue().toString(),
                base,
                f.key() + "  [" + String.join(", ", f.finding().reports()) + "]"));
        if (f.suppressed()) {
          out.append("            suppressed by ")
              .append(f.suppressedBy().file())
              .append(':')
              .append(f.suppressedBy().line())
              .append(" (")
              .append(f.suppressedBy().owner())
              .append(", until ")
              .append(f.suppressedBy().expiresText())
              .append(")")
              .append(System.lineSeparator());
        }
      }
    }
    for (IgnoreEntry e : result.expiredIgnores()) {
      out.append(
          String.format(
              Locale.ROOT,
              "expired ignore: %s:%d %s, owner %s, expired %s (suppresses nothing)%n",
              e.file(),
              e.line(),
              e.label(),
              e.owner(),
              e.expiresText()));
    }
    return out.toString();
  }
}
