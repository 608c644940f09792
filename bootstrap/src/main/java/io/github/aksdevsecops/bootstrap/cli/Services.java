package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.Environment;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * What commands need from the outside world, injected once by the factory: the working directory,
 * the console input (production confirmation), the process environment (settings such as
 * BOOTSTRAP_CHART_MIRROR) and the platform adapters (cluster, Azure, tools).
 */
public record Services(
    Path workingDirectory,
    BufferedReader input,
    java.util.function.Function<String, String> environment,
    BiFunction<Environment, Path, Platform> platforms) {

  /** Without the process environment: tests give every setting explicitly. */
  public Services(
      Path workingDirectory,
      BufferedReader input,
      BiFunction<Environment, Path, Platform> platforms) {
    this(workingDirectory, input, name -> null, platforms);
  }
}
