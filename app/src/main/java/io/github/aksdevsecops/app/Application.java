package io.github.aksdevsecops.app;

import io.micronaut.runtime.Micronaut;

/** Entry point of devsecops-app. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    // No banner: every line on stdout is a JSON log record.
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
