package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine with recording executors: order, parallel layers, journal, resume, cancel. */
class EngineTest {
  static final String DIAMOND =
      "components:\n"
          + "  - id: a\n    manifests: {path: a}\n"
          + "  - id: b\n    manifests: {path: b}\n    dependsOn: {a: x}\n"
          + "  - id: c\n    manifests: {path: c}\n    dependsOn: {a: x}\n"
          + "  - id: d\n    manifests: {path: d}\n    dependsOn: {b: x, c: x}\n";

  @TempDir Path dir;

  /** Executes by recording; fails the steps in {@code failing}; runs a hook per step. */
  static final class Recording implements StepExecutor {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    Consumer<String> hook = id -> {};
    boolean unchanged;

    @Override
    public StepResult apply(PlannedStep step, ExecutionContext context) {
      calls.add("apply " + step.id());
      hook.accept(step.id());
      if (failing.contains(step.id())) {
        throw new StepFailedException("injected failure in " + step.id());
      }
      return unchanged
          ? new StepResult.Unchanged("same")
          : new StepResult.Applied("done", Map.of("out", step.id() + "-value"));
    }

    @Override
    public StepResult destroy(PlannedStep step, ExecutionContext context) {
      calls.add("destroy " + step.id());
      return new StepResult.Applied("removed");
    }
  }

  Journal journal() {
    return Journal.open(dir.resolve("kind.journal.json"), Fixtures.kind(), Clock.systemUTC());
  }

  ExecutionContext ctx(Journal journal, boolean dryRun) {
    return new ExecutionContext(
        Fixtures.kind(), dir, dryRun, null, journal, ProgressListener.SILENT);
  }

  static Map<String, String> results(List<StepOutcome> outcomes) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    outcomes.forEach(o -> m.put(o.step().id(), StepResult.label(o.result())));
    return m;
  }

  @Test
  void runsLayersInOrderAndJournalsEveryStep() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    List<StepOutcome> outcomes = new Engine(s -> rec, 4).apply(plan, ctx(journal(), false), false);
    assertThat(results(outcomes))
        .containsExactly(
            Map.entry("a", "applied"),
            Map.entry("b", "applied"),
            Map.entry("c", "applied"),
            Map.entry("d", "applied"));
    assertThat(rec.calls.get(0)).isEqualTo("apply a");
    assertThat(rec.calls.get(3)).isEqualTo("apply d");
    Journal reread = journal();
    assertThat(List.of("a", "b", "c", "d")).allMatch(reread::done).allMatch(reread::owned);
    assertThat(reread.entry("b").orElseThrow().recorded()).containsEntry("out", "b-value");
  }

  @ParameterizedTest(name = "failure injected at {0}")
  @ValueSource(strings = {"a", "b", "c", "d"})
  void resumeContinuesFromTheFailedStepAndRunsEachFinishedStepOnce(String failAt) throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    rec.failing.add(failAt);
    List<StepOutcome> first = new Engine(s -> rec, 4).apply(plan, ctx(journal(), false), false);
    assertThat(results(first)).containsEntry(failAt, "FAILED");
    if (!failAt.equals("d")) {
      assertThat(results(first)).containsEntry("d", "skipped");
    }
    List<String> firstCalls = new ArrayList<>(rec.calls);

    rec.failing.clear();
    rec.calls.clear();
    List<StepOutcome> resumed = new Engine(s -> rec, 4).apply(plan, ctx(journal(), false), true);
    assertThat(results(resumed).values()).doesNotContain("FAILED");
    for (String id : List.of("a", "b", "c", "d")) {
      boolean finishedBefore = firstCalls.contains("apply " + id) && !id.equals(failAt);
      assertThat(rec.calls.contains("apply " + id)).as(id).isEqualTo(!finishedBefore);
    }
    assertThat(rec.calls).contains("apply " + failAt);
    assertThat(List.of("a", "b", "c", "d")).allMatch(journal()::done);
  }

  @Test
  void stepsWaitingOnASilentApiServerAreAbandonedAndLaterOnesSkipped() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    rec.hook =
        id -> {
          if (id.equals("b")) {
            try {
              release.await(); // a Helm wait against a cluster that is gone
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    Engine engine =
        new Engine(
            s -> rec,
            4,
            c -> asked.incrementAndGet() < 2, // answers once, then never again
            Duration.ofMillis(300),
            Duration.ofMillis(50));
    try {
      List<StepOutcome> outcomes = engine.apply(plan, ctx(journal(), false), false);
      Map<String, String> results = results(outcomes);
      assertThat(results).containsEntry("a", "applied").containsEntry("c", "applied");
      assertThat(results).containsEntry("b", "FAILED").containsEntry("d", "skipped");
      StepResult b =
          outcomes.stream()
              .filter(o -> o.step().id().equals("b"))
              .findFirst()
              .orElseThrow()
              .result();
      assertThat(b.detail())
          .contains("API server has not answered for 0 s")
          .contains("apply --resume");
      assertThat(journal().entry("b").orElseThrow().status()).isEqualTo(Journal.Status.FAILED);
      assertThat(rec.calls).doesNotContain("apply d");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aSlowStepAgainstAnAnsweringApiServerIsLeftToFinish() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    rec.hook =
        id -> {
          if (id.equals("b")) {
            try {
              Thread.sleep(600);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Engine engine =
        new Engine(s -> rec, 4, c -> true, Duration.ofMillis(200), Duration.ofMillis(50));
    assertThat(results(engine.apply(plan, ctx(journal(), false), false)).values())
        .containsOnly("applied");
  }

  @Test
  void resumeRestoresRecordedOutputsOfSkippedSteps() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    rec.failing.add("d");
    new Engine(s -> rec, 4).apply(plan, ctx(journal(), false), false);
    rec.failing.clear();
    ExecutionContext resumed = ctx(journal(), false);
    new Engine(s -> rec, 4).apply(plan, resumed, true);
    assertThat(resumed.output("b", "out")).contains("b-value");
  }

  @Test
  void cancellingLeavesAReadableJournalWithTheFinishedSteps() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    Engine engine = new Engine(s -> rec, 1);
    rec.hook =
        id -> {
          if (id.equals("b")) {
            engine.cancel();
          }
        };
    List<StepOutcome> outcomes = engine.apply(plan, ctx(journal(), false), false);
    assertThat(results(outcomes)).containsEntry("d", "skipped");
    Journal reread = journal();
    assertThat(reread.done("a")).isTrue();
    assertThat(reread.done("b")).isTrue();
    assertThat(reread.done("d")).isFalse();
    assertThat(Files.readString(dir.resolve("kind.journal.json"))).contains("\"a\"");
  }

  @Test
  void cancelAndAwaitWaitsForTheRunningStepToBeJournaled() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    Engine engine = new Engine(s -> rec, 1);
    java.util.concurrent.CountDownLatch inA = new java.util.concurrent.CountDownLatch(1);
    rec.hook =
        id -> {
          if (id.equals("a")) {
            inA.countDown();
            sleep(500);
          }
        };
    Journal journal = journal();
    Thread run =
        new Thread(
            () -> {
              try {
                engine.apply(plan, ctx(journal, false), false);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    run.start();
    inA.await();
    assertThat(engine.cancelAndAwait(java.time.Duration.ofSeconds(10))).isTrue();
    assertThat(journal().done("a")).isTrue();
    run.join(10_000);
    assertThat(rec.calls).containsExactly("apply a");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void dryRunCallsNoExecutorAndWritesNoJournal() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    List<StepOutcome> outcomes = new Engine(s -> rec, 2).apply(plan, ctx(journal(), true), false);
    assertThat(rec.calls).isEmpty();
    assertThat(outcomes).allMatch(o -> o.result().detail().startsWith("dry-run: would apply"));
    assertThat(dir.resolve("kind.journal.json")).doesNotExist();
  }

  @Test
  void destroyRunsInReverseAndOnlyWhatThisToolApplied() throws Exception {
    Plan plan = Fixtures.plan(DIAMOND, Fixtures.kind());
    Recording rec = new Recording();
    rec.unchanged = true; // b and c already existed: this tool did not create them
    new Engine(s -> rec, 4).apply(plan, ctx(journal(), false), false);
    Journal j = journal();
    j.record("a", new StepResult.Applied("created"));
    j.record("d", new StepResult.Applied("created"));
    rec.calls.clear();
    List<StepOutcome> outcomes = new Engine(s -> rec, 4).destroy(plan, ctx(journal(), false));
    assertThat(rec.calls).containsExactly("destroy d", "destroy a");
    assertThat(results(outcomes)).containsEntry("b", "skipped").containsEntry("c", "skipped");
  }
}
