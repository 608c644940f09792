package io.github.aksdevsecops.app.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Exists only in the test environment: an endpoint that fails, one that blocks a worker, and one
 * whose slow reactive work counts how it ended (completed, or cancelled with its request).
 */
@Requires(env = "test")
@Controller("/test-only")
@Secured(SecurityRule.IS_ANONYMOUS)
public class TestOnlyController {

  @Get("/boom")
  String boom() {
    throw new IllegalStateException("com.example.internal.SecretRepository exploded");
  }

  public static final AtomicInteger COMPLETED = new AtomicInteger();
  public static final AtomicInteger CANCELLED = new AtomicInteger();

  /** Reactive work that takes a while: cancelling the request cancels it. */
  @Get("/slow-work")
  Mono<String> slowWork(@QueryValue int millis) {
    return Mono.delay(Duration.ofMillis(millis))
        .map(tick -> "done")
        .doOnNext(done -> COMPLETED.incrementAndGet())
        .doOnCancel(CANCELLED::incrementAndGet);
  }

  @Get("/slow")
  @ExecuteOn(TaskExecutors.BLOCKING)
  String slow(@QueryValue int millis) throws InterruptedException {
    Thread.sleep(millis);
    return "done";
  }
}
