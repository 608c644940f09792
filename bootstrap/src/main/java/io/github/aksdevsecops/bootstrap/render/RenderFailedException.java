package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.nio.file.Path;

/** A chart that Helm refused to render with the repository's values: {@code values} is the file. */
public final class RenderFailedException extends StepFailedException {
  private static final long serialVersionUID = 1L;
  private final transient Path values;

  public RenderFailedException(Path values, String message, Throwable cause) {
    super(message, cause);
    this.values = values;
  }

  public Path values() {
    return values;
  }
}
