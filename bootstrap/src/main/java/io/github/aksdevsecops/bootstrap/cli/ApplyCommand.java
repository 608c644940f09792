package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.execute.Direction;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Executes the plan of an environment: preflight, then every step in order, independent"
            + " steps in parallel. A second run changes nothing and says so.")
final class ApplyCommand extends RunCommand {
  @Option(
      names = "--resume",
      description = "Continue after a failure: steps the journal records as done are skipped.")
  boolean resume;

  @Override
  Direction direction() {
    return Direction.APPLY;
  }

  @Override
  List<StepOutcome> execute(Engine engine, Plan plan, ExecutionContext ctx)
      throws InterruptedException {
    return engine.apply(plan, ctx, resume);
  }
}
