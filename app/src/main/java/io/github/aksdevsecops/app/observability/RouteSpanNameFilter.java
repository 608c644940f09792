package io.github.aksdevsecops.app.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The OpenTelemetry agent instruments Netty, which knows the method but not the route, so its
 * server span is named just {@code GET}. Once Micronaut has matched a route, this filter renames
 * the current server span to {@code METHOD /route/{template}} and sets {@code http.route}. The
 * agent bridges this opentelemetry-api call to its own SDK; without the agent the API is a no-op.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RouteSpanNameFilter implements Ordered {

  private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

  @RequestFilter
  void nameSpan(HttpRequest<?> request) {
    Span span = Span.current();
    if (!span.getSpanContext().isValid()) {
      return;
    }
    BasicHttpAttributes.getUriTemplate(request)
        .ifPresent(
            route -> {
              span.updateName(request.getMethodName() + " " + route);
              span.setAttribute(HTTP_ROUTE, route);
            });
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.TRACING.order();
  }
}
