package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.CancelOnShutdown;
import io.github.aksdevsecops.bootstrap.execute.Direction;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.Journal;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.ProgressListener;
import io.github.aksdevsecops.bootstrap.execute.StepExecutors;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import io.github.aksdevsecops.bootstrap.report.ConsoleProgress;
import io.github.aksdevsecops.bootstrap.report.PreflightTable;
import io.github.aksdevsecops.bootstrap.report.RunReport;
import io.github.aksdevsecops.bootstrap.report.RunText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** apply and destroy: guard, preflight, engine run, report. */
abstract class RunCommand extends BaseCommand {
  @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment name.")
  String env;

  @Option(names = "--dry-run", description = "Show what would be done; contacts nothing.")
  boolean dryRun;

  @Option(
      names = "--yes",
      description =
          "Confirm a protected environment (e.g. production) without typing its name; refused"
              + " for unprotected environments.")
  boolean yes;

  @Option(
      names = "--parallelism",
      defaultValue = "4",
      converter = Parallelism.class,
      description = "Steps of one layer run at most this many at a time, 1-16 (default 4).")
  int parallelism;

  @Mixin ChartOptions charts;

  abstract Direction direction();

  abstract List<StepOutcome> execute(Engine engine, Plan plan, ExecutionContext ctx)
      throws InterruptedException;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Plan plan = plan(workspace, env);
    Environment environment = plan.environment();
    Path root = workspace.root().orElse(factory.services().workingDirectory());
    if (dryRun) {
      ExecutionContext ctx =
          new ExecutionContext(
              environment,
              root,
              true,
              null,
              Journal.inMemory(environment),
              ProgressListener.SILENT);
      return report(plan, execute(new Engine(StepExecutors::forSpec, 1), plan, ctx), null);
    }
    checkout(workspace, "changes need a repository checkout (the assets are applied from it)");
    Confirmation.require(environment, direction(), yes, factory.services().input(), out());
    Platform platform = factory.platform(environment, root);
    platform =
        charts
            .mirror(factory.services().workingDirectory(), factory.services().environment())
            .map(platform::withMirror)
            .orElse(platform);
    List<Preflight.Check> checks = Preflight.run(plan, platform);
    if (!json()) {
      print(PreflightTable.text(checks));
    }
    Preflight.requirePassing(checks);
    Journal journal = Journal.forEnvironment(root, environment, Clock.systemUTC());
    ProgressListener listener =
        json() ? ProgressListener.SILENT : new ConsoleProgress(out(), plan.steps().size());
    ExecutionContext ctx =
        new ExecutionContext(environment, root, false, platform, journal, listener);
    Engine engine = new Engine(StepExecutors::forSpec, parallelism);
    List<StepOutcome> outcomes;
    try (CancelOnShutdown cancel = CancelOnShutdown.register(engine)) {
      outcomes = execute(engine, plan, ctx);
    }
    return report(plan, outcomes, journal.file());
  }

  private int report(Plan plan, List<StepOutcome> outcomes, Path journal) {
    RunReport report =
        RunReport.of(
            plan.environment().name(),
            direction(),
            dryRun,
            outcomes,
            journal == null ? null : journal.toString());
    if (json()) {
      print(Json.write(report) + "\n");
    } else {
      print(RunText.of(plan, report, outcomes, common.verbose));
    }
    return report.complete() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
  }
}
