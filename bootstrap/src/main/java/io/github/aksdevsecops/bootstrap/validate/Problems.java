package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.Problem;

/** Problems located at a catalog component. */
final class Problems {
  private Problems() {}

  static Problem at(Component c, String message) {
    return new Problem(
        c.source().file(), c.source().line(), "component '" + c.id() + "': " + message);
  }
}
