package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.plan.Touches;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a plan layer by layer; the steps of a layer run in parallel. A step whose prerequisite did
 * not finish is skipped, the journal is written after every step, and a dry run calls no executor.
 * Switched-off components are reported as skipped, after the plan's steps.
 */
public final class Engine {
  private final Function<ComponentSpec, StepExecutor> executors;
  private final int parallelism;
  private volatile boolean cancelled;
  private final AtomicInteger inFlight = new AtomicInteger();

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
    List<StepOutcome> outcomes = new ArrayList<>(run(plan.layers(), ctx, resume, Direction.APPLY));
    outcomes.addAll(switchedOff(plan));
    return outcomes;
  }

  /** Read-only preview of every step, in order; nothing is journaled. */
  public List<StepOutcome> preview(Plan plan, ExecutionContext ctx) throws InterruptedException {
    Map<String, StepResult> results = new LinkedHashMap<>();
    List<StepOutcome> outcomes = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      long start = System.nanoTime();
      ctx.listener().started(step);
      StepResult r =
          step.waitsFor().keySet().stream()
              .filter(dep -> !(results.get(dep) instanceof StepResult.Applied))
              .filter(dep -> !(results.get(dep) instanceof StepResult.Unchanged))
              .findFirst()
              .<StepResult>map(
                  dep ->
                      new StepResult.Skipped(
                          SkipReason.UNKNOWN_UNTIL_APPLIED,
                          "unknown until " + dep + " can be previewed or is applied"))
              .orElse(null);
      if (r == null) {
        r = guarded(() -> executors.apply(step.component().spec()).preview(step, ctx));
        ctx.putOutputs(step.id(), r.recorded());
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
      outcomes.addAll(run(List.of(credentials), ctx, false, Direction.APPLY));
      if (outcomes.stream().anyMatch(o -> o.result() instanceof StepResult.Failed)) {
        return outcomes;
      }
    }
    outcomes.addAll(run(reversed, ctx, false, Direction.DESTROY));
    outcomes.addAll(switchedOff(plan));
    return outcomes;
  }

  private static List<StepOutcome> switchedOff(Plan plan) {
    return plan.switchedOff().stream()
        .map(
            s ->
                new StepOutcome(
                    s, new StepResult.Skipped(SkipReason.DISABLED_FOR_ENVIRONMENT), Duration.ZERO))
        .toList();
  }

  private List<StepOutcome> run(
      List<List<PlannedStep>> layers, ExecutionContext ctx, boolean resume, Direction direction)
      throws InterruptedException {
    Map<String, StepResult> results = new ConcurrentHashMap<>();
    Map<String, Duration> took = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      for (List<PlannedStep> layer : layers) {
        List<Future<?>> running = new ArrayList<>();
        for (PlannedStep step : layer) {
          running.add(
              pool.submit(
                  () -> {
                    long start = System.nanoTime();
                    inFlight.incrementAndGet();
                    try {
                      StepResult r = runOne(step, ctx, resume, direction, results);
                      results.put(step.id(), r);
                      took.put(step.id(), Duration.ofNanos(System.nanoTime() - start));
                    } finally {
                      inFlight.decrementAndGet();
                    }
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
    for (List<PlannedStep> layer : layers) {
      for (PlannedStep s : layer) {
        ordered.add(new StepOutcome(s, results.get(s.id()), took.get(s.id())));
      }
    }
    return ordered;
  }

  private StepResult runOne(
      PlannedStep step,
      ExecutionContext ctx,
      boolean resume,
      Direction direction,
      Map<String, StepResult> results) {
    ctx.listener().started(step);
    StepResult result = decide(step, ctx, resume, direction, results);
    boolean ran = !(result instanceof StepResult.Skipped);
    if (!ctx.dryRun() && ran) {
      if (direction == Direction.APPLY) {
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
      Direction direction,
      Map<String, StepResult> results) {
    if (cancelled) {
      return new StepResult.Skipped(SkipReason.CANCELLED);
    }
    Optional<StepResult> blocked = blocked(step, ctx, direction, results);
    if (blocked.isPresent()) {
      return blocked.get();
    }
    if (ctx.dryRun()) {
      return new StepResult.Skipped(
          SkipReason.DRY_RUN,
          (direction == Direction.APPLY
                  ? "dry-run: would apply "
                  : "dry-run: would remove what it created of: ")
              + Touches.of(step.component(), ctx.environment()));
    }
    boolean credentials = step.component().spec() instanceof ComponentSpec.Credentials;
    if (direction == Direction.APPLY && resume && !credentials && ctx.journal().done(step.id())) {
      ctx.journal().entry(step.id()).ifPresent(e -> ctx.putOutputs(step.id(), e.recorded()));
      return new StepResult.Skipped(SkipReason.DONE_BEFORE);
    }
    if (direction == Direction.DESTROY && !credentials && !ctx.journal().owned(step.id())) {
      return new StepResult.Skipped(SkipReason.NOT_CREATED_BY_THIS_TOOL);
    }
    StepExecutor executor = executors.apply(step.component().spec());
    StepResult r =
        guarded(
            () ->
                direction == Direction.APPLY
                    ? executor.apply(step, ctx)
                    : executor.destroy(step, ctx));
    if (direction == Direction.APPLY && !(r instanceof StepResult.Failed)) {
      ctx.putOutputs(step.id(), r.recorded());
    }
    return r;
  }

  /** A prerequisite that did not finish (apply) or an earlier failed removal (destroy). */
  private static Optional<StepResult> blocked(
      PlannedStep step,
      ExecutionContext ctx,
      Direction direction,
      Map<String, StepResult> results) {
    if (direction == Direction.APPLY && !ctx.dryRun()) {
      for (String dep : step.waitsFor().keySet()) {
        StepResult r = results.get(dep);
        boolean finished =
            r instanceof StepResult.Applied
                || r instanceof StepResult.Unchanged
                || r instanceof StepResult.Skipped s && s.reason() == SkipReason.DONE_BEFORE;
        if (!finished) {
          return Optional.of(
              new StepResult.Skipped(
                  SkipReason.PREREQUISITE_UNFINISHED, "prerequisite " + dep + " did not finish"));
        }
      }
    }
    if (direction == Direction.DESTROY
        && results.values().stream().anyMatch(r -> r instanceof StepResult.Failed)) {
      return Optional.of(new StepResult.Skipped(SkipReason.EARLIER_REMOVAL_FAILED));
    }
    return Optional.empty();
  }

  /** One executor call. */
  @FunctionalInterface
  private interface Call {
    StepResult run() throws InterruptedException;
  }

  /** Runs a call, turning every failure into {@link StepResult.Failed} with its tool tail. */
  private static StepResult guarded(Call call) {
    try {
      return call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StepResult.Failed("interrupted", List.of(), Optional.of(e));
    } catch (StepFailedException e) {
      return new StepResult.Failed(describe(e), e.tail(), Optional.of(e));
    } catch (ProcessRunner.ProcessFailedException e) {
      return new StepResult.Failed(describe(e), e.tail(), Optional.of(e));
    } catch (RuntimeException e) {
      return new StepResult.Failed(describe(e), List.of(), Optional.of(e));
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
