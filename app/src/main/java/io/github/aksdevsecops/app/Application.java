package io.github.aksdevsecops.app;

import io.micronaut.runtime.Micronaut;

/** Entry point of devsecops-app. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
