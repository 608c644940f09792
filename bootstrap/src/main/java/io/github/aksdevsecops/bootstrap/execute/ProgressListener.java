package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;

/** Events of a run; the CLI renders them, the engine only emits them. */
public interface ProgressListener {
  ProgressListener SILENT = new ProgressListener() {};

  default void started(PlannedStep step) {}

  default void finished(PlannedStep step, StepResult result) {}

  default void output(PlannedStep step, String line) {}
}
