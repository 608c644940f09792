package io.github.aksdevsecops.bootstrap.report;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.execute.ProgressListener;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Progress per step on the console, and the final table. */
public final class ConsoleProgress implements ProgressListener {
  private final PrintWriter out;
  private final int total;
  private final boolean showOutput;
  private final AtomicInteger done = new AtomicInteger();

  @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "writes to the console it is given")
  public ConsoleProgress(PrintWriter out, int total, boolean showOutput) {
    this.out = out;
    this.total = total;
    this.showOutput = showOutput;
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
    if (showOutput) {
      synchronized (out) {
        out.println("        " + step.id() + " | " + line);
      }
    }
  }

  public static String table(List<StepOutcome> outcomes) {
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
    return sb.toString();
  }
}
