package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.List;

/** One whole-platform check over an environment's render; problems point at the file to change. */
public interface PlatformCheck {
  List<Problem> check(Snapshot repository, RenderedEnvironment environment);
}
