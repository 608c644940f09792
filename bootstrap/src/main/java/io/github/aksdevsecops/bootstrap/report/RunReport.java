package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.execute.Direction;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import java.util.List;

/**
 * The result of an apply or destroy as the JSON output shows it: one entry per step with its
 * result, the reason when skipped, and the tail of the tool's output when failed.
 */
public record RunReport(
    String environment,
    String command,
    boolean dryRun,
    boolean complete,
    boolean nothingChanged,
    String journal,
    List<StepReport> steps) {

  public RunReport {
    steps = List.copyOf(steps);
  }

  /** One step of the run. */
  public record StepReport(
      String id,
      String kind,
      String result,
      String reason,
      String detail,
      double seconds,
      List<String> tail) {
    public StepReport {
      tail = List.copyOf(tail);
    }

    static StepReport of(StepOutcome o) {
      StepResult r = o.result();
      return new StepReport(
          o.step().id(),
          o.step().component().spec().kind(),
          StepResult.label(r),
          r instanceof StepResult.Skipped s ? s.reason().name() : null,
          r.detail(),
          o.took().toMillis() / 1000.0,
          r instanceof StepResult.Failed f ? f.tail() : List.of());
    }
  }

  public static RunReport of(
      String environment,
      Direction direction,
      boolean dryRun,
      List<StepOutcome> outcomes,
      String journal) {
    return new RunReport(
        environment,
        direction.verb(),
        dryRun,
        complete(outcomes),
        outcomes.stream().noneMatch(o -> o.result() instanceof StepResult.Applied),
        journal,
        outcomes.stream().map(StepReport::of).toList());
  }

  /** Every step settled: nothing failed and nothing is left for a --resume. */
  public static boolean complete(List<StepOutcome> outcomes) {
    return outcomes.stream().allMatch(o -> StepResult.settled(o.result()));
  }
}
