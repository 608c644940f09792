package io.github.aksdevsecops.app.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Exists only in the test environment: an endpoint that fails and one that is slow. */
@Requires(env = "test")
@Controller("/test-only")
@Secured(SecurityRule.IS_ANONYMOUS)
public class TestOnlyController {

  @Get("/boom")
  String boom() {
    throw new IllegalStateException("com.example.internal.SecretRepository exploded");
  }

  @Get("/slow")
  @ExecuteOn(TaskExecutors.BLOCKING)
  String slow(@QueryValue int millis) throws InterruptedException {
    Thread.sleep(millis);
    return "done";
  }
}
