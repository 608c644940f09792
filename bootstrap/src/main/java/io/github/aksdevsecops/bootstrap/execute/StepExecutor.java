package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;

/** One executor per component kind. Exceptions are turned into {@link StepResult.Failed}. */
public interface StepExecutor {
  StepResult apply(PlannedStep step, ExecutionContext context) throws InterruptedException;

  StepResult destroy(PlannedStep step, ExecutionContext context) throws InterruptedException;

  /**
   * Read-only: what apply would change (Applied = changes pending, Unchanged = none). Recorded
   * facts (Terraform outputs) feed later previews.
   */
  default StepResult preview(PlannedStep step, ExecutionContext context)
      throws InterruptedException {
    return new StepResult.Skipped(
        SkipReason.NO_PREVIEW, "no preview for " + step.component().spec().kind());
  }
}
