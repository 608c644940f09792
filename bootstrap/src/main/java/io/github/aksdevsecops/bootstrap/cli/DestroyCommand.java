package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.execute.Direction;
import io.github.aksdevsecops.bootstrap.execute.Engine;
import io.github.aksdevsecops.bootstrap.execute.ExecutionContext;
import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description =
        "Removes what apply created, in reverse order: cluster objects and Helm releases before"
            + " Terraform stacks. Steps the journal does not record as created are left alone.")
final class DestroyCommand extends RunCommand {
  @Override
  Direction direction() {
    return Direction.DESTROY;
  }

  @Override
  List<StepOutcome> execute(Engine engine, Plan plan, ExecutionContext ctx)
      throws InterruptedException {
    return engine.destroy(plan, ctx);
  }
}
