package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.InvalidInputException;
import io.github.aksdevsecops.bootstrap.assets.Problem;
import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.Journal;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.StepExecutors;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.execute.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import io.github.aksdevsecops.bootstrap.report.ConsoleProgress;
import io.github.aksdevsecops.bootstrap.report.Json;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** apply and destroy: guard, preflight, engine run, table. */
abstract class RunCommand extends BaseCommand {
  @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment name.")
  String env;

  @Option(names = "--dry-run", description = "Show what would be done; contacts nothing.")
  boolean dryRun;

  @Option(
      names = "--yes",
      description = "Skip the typed confirmation of a protected environment (e.g. production).")
  boolean yes;

  @Option(
      names = "--parallelism",
      defaultValue = "4",
      description =
          "Steps of one layer run at most this many at a time (default ${DEFAULT-VALUE}).")
  int parallelism;

  abstract boolean applying();

  abstract List<StepOutcome> execute(Engine engine, Plan plan, ExecutionContext ctx)
      throws InterruptedException;

  @Override
  public Integer call() throws InterruptedException {
    if (parallelism < 1 || parallelism > 16) {
      throw new InvalidInputException(
          new Problem(Path.of("--parallelism"), 0, "must be between 1 and 16"));
    }
    Workspace workspace = factory.workspace(common);
    Environment environment = workspace.environment(env);
    Plan plan = Planner.plan(workspace.catalog(), environment);
    if (dryRun) {
      return dryRun(plan, workspace);
    }
    Path root =
        checkout(workspace, "changes need a repository checkout (the assets are applied from it)");
    confirm(environment);
    Platform platform = factory.platform(environment, root);
    List<Preflight.Check> checks = Preflight.run(plan, platform);
    if (!json()) {
      out().println("preflight:");
      checks.forEach(
          c -> out().printf("  %-4s %-26s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail()));
    }
    List<Preflight.Check> failed = checks.stream().filter(c -> !c.ok()).toList();
    if (!failed.isEmpty()) {
      throw new UnexpectedStateException(
          "preflight failed ("
              + String.join(", ", failed.stream().map(Preflight.Check::name).toList())
              + "): nothing was changed");
    }
    Journal journal =
        Journal.open(
            root.resolve(".bootstrap").resolve(environment.name() + ".journal.json"),
            Clock.systemUTC());
    ConsoleProgress progress = new ConsoleProgress(out(), plan.steps().size(), !json());
    ExecutionContext ctx =
        new ExecutionContext(environment, root, false, platform, journal, json() ? null : progress);
    if (json()) {
      ctx =
          new ExecutionContext(
              environment,
              root,
              false,
              platform,
              journal,
              io.github.aksdevsecops.bootstrap.execute.ProgressListener.SILENT);
    }
    Engine engine = new Engine(StepExecutors::forSpec, parallelism);
    Thread hook =
        new Thread(
            () -> {
              try {
                engine.cancelAndAwait(java.time.Duration.ofSeconds(60));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "cancel-on-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    List<StepOutcome> outcomes;
    try {
      outcomes = execute(engine, plan, ctx);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already stopping: the hook has cancelled the engine.
      }
    }
    return report(outcomes, journal.file());
  }

  private int dryRun(Plan plan, Workspace workspace) throws InterruptedException {
    if (json()) {
      Map<String, Object> data = PlanRenderer.data(plan);
      data.put("dryRun", true);
      out().println(Json.write(data));
      return ExitCodes.OK;
    }
    out().print(PlanRenderer.text(plan));
    out().println();
    ExecutionContext ctx =
        new ExecutionContext(
            plan.environment(),
            workspace.root().orElse(factory.services().workingDirectory()),
            true,
            null,
            Journal.inMemory(),
            io.github.aksdevsecops.bootstrap.execute.ProgressListener.SILENT);
    List<StepOutcome> outcomes = execute(new Engine(StepExecutors::forSpec, 1), plan, ctx);
    if (!applying()) {
      out().println("removal order (reverse of the plan; credentials first, Terraform last):");
      int n = 1;
      for (StepOutcome o : outcomes) {
        out().printf("  %2d. %s: %s%n", n++, o.step().id(), o.result().detail());
      }
    }
    out()
        .println(
            "dry run of "
                + (applying() ? "apply" : "destroy")
                + " --env "
                + plan.environment().name()
                + ": "
                + outcomes.size()
                + " steps, nothing was contacted or changed");
    return ExitCodes.OK;
  }

  private void confirm(Environment environment) {
    if (!environment.protectedEnvironment() || yes) {
      return;
    }
    out()
        .print(
            "Environment "
                + environment.name()
                + " is protected. Type its name to "
                + (applying() ? "apply" : "destroy")
                + ": ");
    out().flush();
    String typed;
    try {
      typed = factory.services().input().readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (typed == null || !typed.trim().equals(environment.name())) {
      throw new InvalidInputException(
          new Problem(
              environment.file(),
              0,
              "confirmation did not match '"
                  + environment.name()
                  + "': nothing was changed (use --yes with --env "
                  + environment.name()
                  + " in automation)"));
    }
  }

  private int report(List<StepOutcome> outcomes, Path journal) {
    boolean failed = outcomes.stream().anyMatch(o -> o.result() instanceof StepResult.Failed);
    boolean incomplete =
        outcomes.stream()
            .anyMatch(
                o ->
                    o.result() instanceof StepResult.Skipped s
                        && !s.detail().startsWith("done in a previous run")
                        && !s.detail().startsWith("not created by this tool"));
    boolean nothingChanged =
        outcomes.stream().noneMatch(o -> o.result() instanceof StepResult.Applied);
    if (json()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("environment", env);
      data.put(
          "steps",
          outcomes.stream()
              .map(
                  o ->
                      Map.of(
                          "id", o.step().id(),
                          "result", StepResult.label(o.result()),
                          "detail", o.result().detail(),
                          "seconds", o.took().toMillis() / 1000.0))
              .toList());
      data.put("nothingChanged", nothingChanged);
      out().println(Json.write(data));
    } else {
      out().println();
      out().print(ConsoleProgress.table(outcomes));
      if (failed || incomplete) {
        out()
            .println(
                "not finished; journal: "
                    + journal
                    + (applying() ? "; continue with --resume" : ""));
      } else if (nothingChanged && applying()) {
        out().println("nothing to change: the environment already matches the plan");
      }
    }
    out().flush();
    return failed || incomplete ? ExitCodes.STEP_FAILED : ExitCodes.OK;
  }
}
