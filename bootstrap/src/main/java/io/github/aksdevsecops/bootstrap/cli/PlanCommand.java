package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.Journal;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.ProgressListener;
import io.github.aksdevsecops.bootstrap.execute.StepExecutors;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.execute.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import io.github.aksdevsecops.bootstrap.report.Json;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Offline: prints the ordered cross-layer plan of an environment: each step, what it"
            + " touches, what it waits for and why.")
final class PlanCommand extends BaseCommand {
  enum Graph {
    mermaid,
    dot
  }

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment name.")
  String env;

  @Option(
      names = "--graph",
      description = "Print the dependency graph instead: ${COMPLETION-CANDIDATES}.")
  Graph graph;

  @Option(
      names = "--live",
      description =
          "Also ask the cloud and the cluster what each step would change (terraform plan"
              + " -detailed-exitcode, object diff, Helm release and values). Read-only; needs"
              + " credentials and a checkout.")
  boolean live;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Environment environment = workspace.environment(env);
    Plan plan = Planner.plan(workspace.catalog(), environment);
    if (graph == Graph.mermaid) {
      out().print(PlanRenderer.mermaid(plan));
    } else if (graph == Graph.dot) {
      out().print(PlanRenderer.dot(plan));
    } else if (json()) {
      out().println(Json.write(PlanRenderer.data(plan)));
    } else {
      out().print(PlanRenderer.text(plan));
    }
    if (live) {
      return live(workspace, environment, plan);
    }
    out().flush();
    return ExitCodes.OK;
  }

  private int live(Workspace workspace, Environment environment, Plan plan)
      throws InterruptedException {
    Path root = checkout(workspace, "--live needs a repository checkout");
    Platform platform = factory.platform(environment, root);
    List<Preflight.Check> failed =
        Preflight.run(plan, platform).stream().filter(c -> !c.ok()).toList();
    if (!failed.isEmpty()) {
      throw new UnexpectedStateException(
          "preflight failed: "
              + String.join(
                  ", ", failed.stream().map(c -> c.name() + " (" + c.detail() + ")").toList()));
    }
    Journal journal =
        Journal.open(
            root.resolve(".bootstrap").resolve(environment.name() + ".journal.json"),
            Clock.systemUTC());
    ExecutionContext ctx =
        new ExecutionContext(environment, root, false, platform, journal, ProgressListener.SILENT);
    List<StepOutcome> outcomes = new Engine(StepExecutors::forSpec, 1).preview(plan, ctx);
    out().println();
    out().println("live changes:");
    for (StepOutcome o : outcomes) {
      out().printf("  %-24s %-10s %s%n", o.step().id(), liveLabel(o.result()), o.result().detail());
    }
    out().flush();
    boolean failedStep = outcomes.stream().anyMatch(o -> o.result() instanceof StepResult.Failed);
    return failedStep ? ExitCodes.STEP_FAILED : ExitCodes.OK;
  }

  static String liveLabel(StepResult r) {
    if (r instanceof StepResult.Applied) {
      return "changes";
    }
    if (r instanceof StepResult.Unchanged) {
      return "no change";
    }
    return r instanceof StepResult.Skipped ? "unknown" : "FAILED";
  }
}
