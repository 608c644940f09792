package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;

/** One executor per component kind. Exceptions are turned into {@link StepResult.Failed}. */
public interface StepExecutor {
  StepResult apply(PlannedStep step, ExecutionContext context) throws InterruptedException;

  StepResult destroy(PlannedStep step, ExecutionContext context) throws InterruptedException;
}
