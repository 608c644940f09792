package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.report.Json;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;
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

  @Override
  public Integer call() {
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
    out().flush();
    return ExitCodes.OK;
  }
}
