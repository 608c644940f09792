package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.execute.Direction;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The guard of protected environments: the user types the environment's name, or passes {@code
 * --yes}. {@code --yes} is refused for an unprotected environment, so automation that passes it
 * names a protected environment on purpose rather than out of habit.
 */
final class Confirmation {
  private Confirmation() {}

  static void require(
      Environment environment,
      Direction direction,
      boolean yes,
      BufferedReader input,
      PrintWriter out) {
    if (!environment.protectedEnvironment()) {
      if (yes) {
        throw new InvalidInputException(
            new Problem(
                environment.file(),
                0,
                "--yes confirms a protected environment; "
                    + environment.name()
                    + " is not protected, drop --yes"));
      }
      return;
    }
    if (yes) {
      return;
    }
    out.print(
        "Environment "
            + environment.name()
            + " is protected. Type its name to "
            + direction.verb()
            + ": ");
    out.flush();
    String typed;
    try {
      typed = input.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (typed == null || !typed.trim().equals(environment.name())) {
      throw new InvalidInputException(
          new Problem(
              environment.file(),
              0,
              "confirmation did not match '"
                  + environment.name()
                  + "': nothing was changed (use --yes with --env "
                  + environment.name()
                  + " in automation)"));
    }
  }
}
