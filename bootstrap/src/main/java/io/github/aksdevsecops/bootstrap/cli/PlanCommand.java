package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Kustomizations;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.Journal;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.ProgressListener;
import io.github.aksdevsecops.bootstrap.execute.StepExecutors;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import io.github.aksdevsecops.bootstrap.render.ArgoSyncs;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;
import io.github.aksdevsecops.bootstrap.report.PreflightTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
              + " -detailed-exitcode, server-side dry-run of every object, Helm release and"
              + " values). Read-only; needs credentials and a checkout.")
  boolean live;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Plan plan = plan(workspace, env);
    if (graph == Graph.mermaid) {
      print(PlanRenderer.mermaid(plan));
    } else if (graph == Graph.dot) {
      print(PlanRenderer.dot(plan));
    } else if (json()) {
      print(Json.write(PlanRenderer.data(plan)) + "\n");
    } else {
      print(PlanRenderer.text(plan));
      workspace.root().ifPresent(root -> print(synced(root, plan)));
    }
    return live ? live(workspace, plan.environment(), plan) : ExitCodes.OK;
  }

  /**
   * What Argo CD syncs after the plan, read offline from the Applications the plan's manifests
   * steps deliver: listed so the plan says who owns it, never run by apply or destroy.
   */
  private static String synced(Path root, Plan plan) {
    StringBuilder out = new StringBuilder();
    for (PlannedStep step : plan.steps()) {
      if (!(step.component().spec() instanceof ComponentSpec.Manifests m)) {
        continue;
      }
      List<Map<String, Object>> objects = new ArrayList<>();
      try {
        for (KubeObject k :
            Kustomizations.objects(root, root.resolve(m.path(plan.environment())))) {
          objects.add(Plain.map(k.node().toPlain()));
        }
      } catch (InvalidInputException e) {
        continue; // validate reports a kustomization the offline reader cannot read
      }
      for (ArgoSyncs.Sync sync : ArgoSyncs.of(root, objects)) {
        out.append("  ")
            .append(sync.id())
            .append(" [synced by Argo CD] after ")
            .append(step.id())
            .append(": Application ")
            .append(sync.application())
            .append(" syncs ")
            .append(sync.path())
            .append('\n');
      }
    }
    return out.isEmpty()
        ? ""
        : "\nsynced by Argo CD, not applied by bootstrap (apply does not send it, destroy does not"
            + " remove it):\n"
            + out;
  }

  private int live(Workspace workspace, Environment environment, Plan plan)
      throws InterruptedException {
    Path root = checkout(workspace, "--live needs a repository checkout");
    Platform platform = factory.platform(environment, root);
    List<Preflight.Check> checks = Preflight.run(plan, platform);
    if (checks.stream().anyMatch(c -> !c.ok())) {
      print(PreflightTable.text(checks));
    }
    Preflight.requirePassing(checks);
    ExecutionContext ctx =
        new ExecutionContext(
            environment,
            root,
            false,
            platform,
            Journal.forEnvironment(root, environment, Clock.systemUTC()),
            ProgressListener.SILENT);
    List<StepOutcome> outcomes = new Engine(StepExecutors::forSpec, 1).preview(plan, ctx);
    print(PlanRenderer.live(outcomes));
    boolean failed = outcomes.stream().anyMatch(o -> o.result() instanceof StepResult.Failed);
    return failed ? ExitCodes.STEP_FAILED : ExitCodes.OK;
  }
}
