package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a plan layer by layer; the steps of a layer run in parallel. A step whose prerequisite did
 * not finish is skipped, the journal is written after every step, and a dry run calls no executor.
 */
public final class Engine {
  static final String DONE_BEFORE = "done in a previous run";
  private final Function<ComponentSpec, StepExecutor> executors;
  private final int parallelism;
  private volatile boolean cancelled;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  public Engine(Function<ComponentSpec, StepExecutor> executors, int parallelism) {
    this.executors = executors;
    this.parallelism = parallelism;
  }

  /** Stops scheduling: running steps finish and are journaled, later ones are skipped. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Cancels and waits up to {@code grace} for running steps to end and be journaled (Ctrl-C: the
   * terminal also interrupts the child processes, whose failure the steps then record).
   */
  public boolean cancelAndAwait(Duration grace) throws InterruptedException {
    cancel();
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return inFlight.get() == 0;
  }

  public List<StepOutcome> apply(Plan plan, ExecutionContext ctx, boolean resume)
      throws InterruptedException {
    if (!ctx.dryRun() && !resume) {
      ctx.journal().startFullRun();
    }
    return run(plan.layers(), ctx, resume, true);
  }

  /** Read-only preview of every step, in order; nothing is journaled. */
  public List<StepOutcome> preview(Plan plan, ExecutionContext ctx) throws InterruptedException {
    Map<String, StepResult> results = new LinkedHashMap<>();
    List<StepOutcome> outcomes = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      long start = System.nanoTime();
      ctx.listener().started(step);
      StepResult r = null;
      for (String dep : step.waitsFor().keySet()) {
        StepResult d = results.get(dep);
        if (d instanceof StepResult.Failed || d instanceof StepResult.Skipped) {
          r = new StepResult.Skipped("unknown until " + dep + " can be previewed or is applied");
          break;
        }
      }
      if (r == null) {
        try {
          r = executors.apply(step.component().spec()).preview(step, ctx);
          ctx.putOutputs(step.id(), r.recorded());
        } catch (RuntimeException e) {
          r = new StepResult.Failed(describe(e));
        }
      }
      results.put(step.id(), r);
      outcomes.add(new StepOutcome(step, r, Duration.ofNanos(System.nanoTime() - start)));
      ctx.listener().finished(step, r);
    }
    return outcomes;
  }

  public List<StepOutcome> destroy(Plan plan, ExecutionContext ctx) throws InterruptedException {
    List<List<PlannedStep>> reversed = new ArrayList<>();
    List<PlannedStep> credentials = new ArrayList<>();
    for (List<PlannedStep> layer : plan.layers()) {
      List<PlannedStep> rest = new ArrayList<>();
      for (PlannedStep s : layer) {
        (s.component().spec() instanceof ComponentSpec.Credentials ? credentials : rest).add(s);
      }
      if (!rest.isEmpty()) {
        reversed.add(rest);
      }
    }
    Collections.reverse(reversed);
    List<StepOutcome> outcomes = new ArrayList<>();
    if (!credentials.isEmpty()) {
      // Credentials change nothing: fetch them first so cluster objects can be removed.
      outcomes.addAll(run(List.of(credentials), ctx, false, true));
      if (outcomes.stream().anyMatch(o -> o.result() instanceof StepResult.Failed)) {
        return outcomes;
      }
    }
    outcomes.addAll(run(reversed, ctx, false, false));
    return outcomes;
  }

  private List<StepOutcome> run(
      List<List<PlannedStep>> layers, ExecutionContext ctx, boolean resume, boolean applying)
      throws InterruptedException {
    Map<String, StepResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
    List<StepOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      for (List<PlannedStep> layer : layers) {
        List<Future<?>> running = new ArrayList<>();
        for (PlannedStep step : layer) {
          running.add(
              pool.submit(
                  () -> {
                    long start = System.nanoTime();
                    StepResult r;
                    inFlight.incrementAndGet();
                    try {
                      r = runOne(step, ctx, resume, applying, results);
                    } finally {
                      inFlight.decrementAndGet();
                    }
                    results.put(step.id(), r);
                    outcomes.add(
                        new StepOutcome(step, r, Duration.ofNanos(System.nanoTime() - start)));
                    return null;
                  }));
        }
        for (Future<?> f : running) {
          try {
            f.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException("step runner crashed", e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
    List<StepOutcome> ordered = new ArrayList<>();
    layers.forEach(
        l ->
            l.forEach(
                s ->
                    outcomes.stream()
                        .filter(o -> o.step().id().equals(s.id()))
                        .findFirst()
                        .ifPresent(ordered::add)));
    return ordered;
  }

  private StepResult runOne(
      PlannedStep step,
      ExecutionContext ctx,
      boolean resume,
      boolean applying,
      Map<String, StepResult> results) {
    ctx.listener().started(step);
    StepResult result = decide(step, ctx, resume, applying, results);
    boolean ran = !(result instanceof StepResult.Skipped);
    if (!ctx.dryRun() && ran) {
      if (applying) {
        ctx.journal().record(step.id(), result);
      } else if (!(result instanceof StepResult.Failed)) {
        ctx.journal().recordDestroyed(step.id());
      }
    }
    ctx.listener().finished(step, result);
    return result;
  }

  private StepResult decide(
      PlannedStep step,
      ExecutionContext ctx,
      boolean resume,
      boolean applying,
      Map<String, StepResult> results) {
    if (cancelled) {
      return new StepResult.Skipped("cancelled before it started");
    }
    if (applying && !ctx.dryRun()) {
      for (String dep : step.waitsFor().keySet()) {
        StepResult r = results.get(dep);
        boolean finished =
            r instanceof StepResult.Applied
                || r instanceof StepResult.Unchanged
                || r instanceof StepResult.Skipped s && DONE_BEFORE.equals(s.detail());
        if (!finished) {
          return new StepResult.Skipped("prerequisite " + dep + " did not finish");
        }
      }
    }
    if (!applying && results.values().stream().anyMatch(r -> r instanceof StepResult.Failed)) {
      return new StepResult.Skipped("an earlier removal failed: stopped before this one");
    }
    if (ctx.dryRun()) {
      return new StepResult.Skipped(
          (applying ? "dry-run: would apply " : "dry-run: would remove what it created of: ")
              + PlanRenderer.touches(step.component(), ctx.environment()));
    }
    boolean credentials = step.component().spec() instanceof ComponentSpec.Credentials;
    if (applying && resume && !credentials && ctx.journal().done(step.id())) {
      ctx.journal().entry(step.id()).ifPresent(e -> ctx.putOutputs(step.id(), e.recorded()));
      return new StepResult.Skipped(DONE_BEFORE);
    }
    if (!applying && !credentials && !ctx.journal().owned(step.id())) {
      return new StepResult.Skipped("not created by this tool: left alone");
    }
    StepExecutor executor = executors.apply(step.component().spec());
    try {
      StepResult r = applying ? executor.apply(step, ctx) : executor.destroy(step, ctx);
      if (applying && !(r instanceof StepResult.Failed)) {
        ctx.putOutputs(step.id(), r.recorded());
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StepResult.Failed("interrupted");
    } catch (RuntimeException e) {
      return new StepResult.Failed(describe(e));
    }
  }

  static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
        message.append(": ").append(c.getMessage());
      }
    }
    return message.toString();
  }
}
