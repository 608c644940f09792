package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;

/** Where a model element was declared, so later errors (planner, validate) can point at it. */
public record Source(Path file, int line) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
