package io.github.aksdevsecops.bootstrap.report;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.execute.ProgressListener;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Progress per step on the console, and the final table with the failures' details. */
public final class ConsoleProgress implements ProgressListener {
  private final PrintWriter out;
  private final int total;
  private final AtomicInteger done = new AtomicInteger();

  @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "writes to the console it is given")
  public ConsoleProgress(PrintWriter out, int total) {
    this.out = out;
    this.total = total;
  }

  @Override
  public void started(PlannedStep step) {
    synchronized (out) {
      out.println("[start] " + step.id());
      out.flush();
    }
  }

  @Override
  public void finished(PlannedStep step, StepResult result) {
    synchronized (out) {
      out.printf(
          "[%2d/%d] %s: %s - %s%n",
          done.incrementAndGet(), total, step.id(), StepResult.label(result), result.detail());
      out.flush();
    }
  }

  @Override
  public void output(PlannedStep step, String line) {
    synchronized (out) {
      out.println("        " + step.id() + " | " + line);
    }
  }

  /** The final table; below it, each failure with the tail of its tool's output. */
  public static String table(List<StepOutcome> outcomes, boolean verbose) {
    int width = outcomes.stream().mapToInt(o -> o.step().id().length()).max().orElse(4);
    StringBuilder sb = new StringBuilder();
    String format = "%-" + width + "s  %-11s  %-9s  %7s  %s%n";
    sb.append(String.format(format, "step", "kind", "result", "seconds", "detail"));
    for (StepOutcome o : outcomes) {
      sb.append(
          String.format(
              format,
              o.step().id(),
              o.step().component().spec().kind(),
              StepResult.label(o.result()),
              String.format("%.1f", o.took().toMillis() / 1000.0),
              o.result().detail()));
    }
    for (StepOutcome o : outcomes) {
      if (o.result() instanceof StepResult.Failed failed) {
        sb.append('\n').append(o.step().id()).append(" failed: ").append(failed.detail());
        sb.append('\n');
        failed.tail().forEach(line -> sb.append("  | ").append(line).append('\n'));
        if (verbose) {
          failed.cause().ifPresent(c -> sb.append(StackTraces.text(c)));
        }
      }
    }
    return sb.toString();
  }
}
