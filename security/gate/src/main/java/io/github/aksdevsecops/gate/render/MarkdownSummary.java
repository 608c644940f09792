package io.github.aksdevsecops.gate.render;

import io.github.aksdevsecops.gate.model.Counts;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.Level;
import io.github.aksdevsecops.gate.model.Problem;

/**
 * {@code --summary-out}: Markdown for {@code $GITHUB_STEP_SUMMARY}: the decision, counts per level,
 * the block and warn findings with their SLA due dates, expired ignore entries and, for an invalid
 * input, the errors.
 */
public final class MarkdownSummary {
  private MarkdownSummary() {}

  public static String render(GateResult result) {
    StringBuilder md = new StringBuilder();
    md.append("## Vulnerability gate: ").append(result.decision()).append("\n\n");
    if (!result.errors().isEmpty()) {
      md.append("The input is invalid; nothing was decided:\n\n");
      for (Problem p : result.errors()) {
        md.append("- `").append(p.render().replace("`", "'")).append("`\n");
      }
      return md.toString();
    }
    Counts c = result.counts();
    md.append("| level | findings |\n|---|---|\n");
    md.append("| block | ").append(c.block()).append(" |\n");
    md.append("| warn | ").append(c.warn()).append(" |\n");
    md.append("| log | ").append(c.log()).append(" |\n");
    md.append("| suppressed | ").append(c.suppressed()).append(" |\n\n");
    if (c.block() + c.warn() > 0) {
      md.append("| level | vulnerability | package | version | CVSS | SLA due | escalated |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (EvaluatedFinding f : result.findings()) {
        if (f.suppressed() || f.finalLevel() == Level.LOG) {
          continue;
        }
        md.append("| ")
            .append(f.levelLabel())
            .append(" | ")
            .append(Markdown.cell(f.key().id()))
            .append(" | ")
            .append(Markdown.cell(f.key().packageName()))
            .append(" | ")
            .append(Markdown.cell(f.key().version()))
            .append(" | ")
            .append(
                f.finding().score() == null ? f.finding().severity() : f.finding().score().text())
            .append(" | ")
            .append(f.slaDue() == null ? "—" : f.slaDue().toString())
            .append(" | ")
            .append(f.escalated() ? "yes, from " + f.baseLevel().label() : "no")
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!result.expiredIgnores().isEmpty()) {
      md.append("Expired ignore entries (they suppress nothing):\n\n");
      for (IgnoreEntry e : result.expiredIgnores()) {
        md.append("- ")
            .append(Markdown.cell(e.label()))
            .append(", owner ")
            .append(Markdown.cell(e.owner()))
            .append(", expired ")
            .append(e.expiresText())
            .append(" (")
            .append(e.file())
            .append(':')
            .append(e.line())
            .append(")\n");
      }
      md.append('\n');
    }
    return md.toString();
  }
}
