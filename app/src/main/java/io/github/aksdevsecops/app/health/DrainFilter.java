package io.github.aksdevsecops.app.health;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * During the drain, every response says {@code Connection: close}; Micronaut then closes the
 * connection once the response is written, at a point where the client has its answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class DrainFilter implements Ordered {

  private final Drain drain;

  DrainFilter(Drain drain) {
    this.drain = drain;
  }

  @ResponseFilter
  void closeWhileDraining(MutableHttpResponse<?> response) {
    if (drain.isDraining()) {
      response.getHeaders().set(HttpHeaders.CONNECTION, "close");
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }
}
