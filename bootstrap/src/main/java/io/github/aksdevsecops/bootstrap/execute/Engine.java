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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a plan layer by layer; the steps of a layer run in parallel. A step whose prerequisite did
 * not finish is skipped, the journal is written after every step, and a dry run calls no executor.
 * Switched-off components are reported as skipped, after the plan's steps.
 */
public final class Engine {
  /** How long the API server may stay silent while steps wait on it before they are abandoned. */
  static final Duration SILENCE_LIMIT = Duration.ofSeconds(60);

  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

  private final Function<ComponentSpec, StepExecutor> executors;
  private final int parallelism;
  private final Predicate<ExecutionContext> clusterAnswers;
  private final Duration silenceLimit;
  private final Duration watchInterval;
  private volatile boolean cancelled;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<String> abandoned = ConcurrentHashMap.newKeySet();

  public Engine(Function<ComponentSpec, StepExecutor> executors, int parallelism) {
    this(executors, parallelism, Engine::apiServerAnswers, SILENCE_LIMIT, WATCH_INTERVAL);
  }

  /**
   * With the question asked while steps run ({@code clusterAnswers}): once it has said no for
   * {@code silenceLimit}, the running steps are failed and later ones skipped, instead of waiting
   * out Helm's and the waits' own timeouts against a cluster that is gone.
   */
  Engine(
      Function<ComponentSpec, StepExecutor> executors,
      int parallelism,
      Predicate<ExecutionContext> clusterAnswers,
      Duration silenceLimit,
      Duration watchInterval) {
    this.executors = executors;
    this.parallelism = parallelism;
    this.clusterAnswers = clusterAnswers;
    this.silenceLimit = silenceLimit;
    this.watchInterval = watchInterval;
  }

  /**
   * The API server's readiness endpoint answers (any HTTP answer counts); true before credentials.
   */
  static boolean apiServerAnswers(ExecutionContext ctx) {
    return ctx.optionalSession()
        .filter(s -> s.client() != null)
        .map(
            s -> {
              try {
                s.client().raw("/readyz");
                return true;
              } catch (RuntimeException e) {
                return false;
              }
            })
        .orElse(true);
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
                      if (!abandoned.contains(step.id())) {
                        results.put(step.id(), r);
                        took.put(step.id(), Duration.ofNanos(System.nanoTime() - start));
                      }
                    } finally {
                      inFlight.decrementAndGet();
                    }
                    return null;
                  }));
        }
        awaitLayer(layer, running, ctx, direction, results, took);
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

  /**
   * Waits for a layer's steps, asking whether the API server still answers while they run; after
   * {@code silenceLimit} without an answer the unfinished steps fail (journaled as such, so a
   * --resume redoes them) and the run stops scheduling.
   */
  private void awaitLayer(
      List<PlannedStep> layer,
      List<Future<?>> running,
      ExecutionContext ctx,
      Direction direction,
      Map<String, StepResult> results,
      Map<String, Duration> took)
      throws InterruptedException {
    long lastAnswer = System.nanoTime();
    for (Future<?> f : running) {
      while (true) {
        try {
          f.get(watchInterval.toMillis(), TimeUnit.MILLISECONDS);
          break;
        } catch (ExecutionException e) {
          throw new IllegalStateException("step runner crashed", e.getCause());
        } catch (TimeoutException e) {
          if (clusterAnswers.test(ctx)) {
            lastAnswer = System.nanoTime();
          } else if (System.nanoTime() - lastAnswer >= silenceLimit.toNanos()) {
            abandon(layer, ctx, direction, results, took);
            return;
          }
        }
      }
    }
  }

  private void abandon(
      List<PlannedStep> layer,
      ExecutionContext ctx,
      Direction direction,
      Map<String, StepResult> results,
      Map<String, Duration> took) {
    cancelled = true;
    for (PlannedStep step : layer) {
      if (results.containsKey(step.id()) || !abandoned.add(step.id())) {
        continue;
      }
      StepResult failed =
          new StepResult.Failed(
              "the cluster's API server has not answered for "
                  + silenceLimit.toSeconds()
                  + " s: the step was abandoned; once the cluster answers again, run "
                  + (direction == Direction.APPLY ? "apply --resume" : "destroy")
                  + " to finish");
      results.put(step.id(), failed);
      took.putIfAbsent(step.id(), Duration.ZERO);
      if (!ctx.dryRun()) {
        if (direction == Direction.APPLY) {
          ctx.journal().record(step.id(), failed);
        }
      }
      ctx.listener().finished(step, failed);
    }
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
    if (abandoned.contains(step.id())) {
      return result; // already failed and journaled when the cluster went silent
    }
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
