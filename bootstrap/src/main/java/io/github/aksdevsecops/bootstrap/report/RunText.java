package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import java.util.List;

/** An apply or destroy as the console shows it. */
public final class RunText {
  private RunText() {}

  public static String of(
      Plan plan, RunReport report, List<StepOutcome> outcomes, boolean verbose) {
    StringBuilder out = new StringBuilder();
    boolean apply = "apply".equals(report.command());
    if (report.dryRun()) {
      out.append(PlanRenderer.text(plan)).append('\n');
      if (!apply) {
        out.append("removal order (reverse of the plan; credentials first, Terraform last):\n");
        int n = 1;
        for (StepOutcome o : outcomes) {
          if (o.step().layer() >= 0) {
            out.append(String.format("  %2d. %s: %s%n", n++, o.step().id(), o.result().detail()));
          }
        }
      }
      return out.append("dry run of ")
          .append(report.command())
          .append(" --env ")
          .append(report.environment())
          .append(": ")
          .append(plan.steps().size())
          .append(" steps, nothing was contacted or changed\n")
          .toString();
    }
    out.append('\n').append(ConsoleProgress.table(outcomes, verbose));
    if (!report.complete()) {
      out.append("not finished; journal: ")
          .append(report.journal())
          .append(apply ? "; continue with --resume" : "")
          .append('\n');
    } else if (report.nothingChanged() && apply) {
      out.append("nothing to change: the environment already matches the plan\n");
    }
    return out.toString();
  }
}
