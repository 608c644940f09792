package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.util.ArrayList;
import java.util.List;

/** Every environment has a plan: no unknown component, cycle or missing output. */
final class PlansCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    s.catalog()
        .ifPresent(
            catalog -> {
              for (Environment env : s.environments()) {
                try {
                  Planner.plan(catalog, env);
                } catch (InvalidInputException e) {
                  problems.addAll(e.problems());
                }
              }
            });
    return problems;
  }
}
