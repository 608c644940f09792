package io.github.aksdevsecops.app.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bounds the time from routing to response, including reading the body, so that a client that
 * trickles its body (slow POST) cannot hold a worker: it gets 408 with {@code Connection: close},
 * and the work behind the request is cancelled rather than left to finish for nobody (reactive work
 * stops; Micronaut cannot interrupt a route blocking on a worker thread, which runs to its end, so
 * blocking routes must bound their own calls).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RequestTimeoutFilter implements Ordered {

  /** {@code app.http.request-timeout}. */
  @ConfigurationProperties("app.http")
  record Limits(@Bindable(defaultValue = "10s") @NotNull Duration requestTimeout) {}

  private final long timeoutMillis;

  RequestTimeoutFilter(Limits limits) {
    this.timeoutMillis = limits.requestTimeout().toMillis();
  }

  @RequestFilter
  Publisher<MutableHttpResponse<?>> bound(
      HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
    CompletableFuture<MutableHttpResponse<?>> result = new CompletableFuture<>();
    AtomicReference<Subscription> upstream = new AtomicReference<>();
    chain
        .proceed()
        .subscribe(
            new Subscriber<MutableHttpResponse<?>>() {
              @Override
              public void onSubscribe(Subscription subscription) {
                upstream.set(subscription);
                subscription.request(1);
              }

              @Override
              public void onNext(MutableHttpResponse<?> response) {
                result.complete(response);
              }

              @Override
              public void onError(Throwable error) {
                result.completeExceptionally(error);
              }

              @Override
              public void onComplete() {
                // the response, if any, was delivered by onNext
              }
            });
    MutableHttpResponse<?> timedOut = timedOut(request);
    result.completeOnTimeout(timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    result.thenAccept(
        response -> {
          Subscription subscription = upstream.get();
          if (response == timedOut && subscription != null) {
            subscription.cancel();
          }
        });
    return Publishers.fromCompletableFuture(result);
  }

  private static MutableHttpResponse<?> timedOut(HttpRequest<?> request) {
    return Problems.response(request, HttpStatus.REQUEST_TIMEOUT, Problems.genericDetail(408))
        .header("Connection", "close");
  }

  /** Inside the security-headers filter, so a 408 carries the headers too. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }
}
