package io.github.aksdevsecops.app;

import io.github.aksdevsecops.app.health.Termination;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** Entry point of devsecops-app. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    // No banner: every line on stdout is a JSON log record.
    ApplicationContext context =
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    context.getBean(Termination.class).install();
  }
}
