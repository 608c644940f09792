package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.render.PlatformRender;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.List;

/** One environment's render, parsed once, as the whole-platform checks read it. */
public record RenderedEnvironment(
    Environment environment, PlatformRender render, List<RenderedObject> objects) {
  public RenderedEnvironment {
    objects = List.copyOf(objects);
  }

  public String name() {
    return environment.name();
  }
}
