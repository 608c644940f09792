package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.time.Duration;

/** A step and how it ended, for the final table. */
public record StepOutcome(PlannedStep step, StepResult result, Duration took) {}
