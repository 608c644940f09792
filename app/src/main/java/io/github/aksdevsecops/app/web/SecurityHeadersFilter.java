package io.github.aksdevsecops.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;

/**
 * Outermost filter on both ports: refuses TRACE (cross-site tracing) and stamps the security
 * headers on every response that passes the filter chain, including errors from routing, binding,
 * security and limits. This is the one mechanism that sets them: only the few answers written
 * before the chain exists (requests the codec rejects, see {@link ConnectionHardening}) carry them
 * from where they are built.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter implements Ordered {

  private final Map<String, String> headers;

  SecurityHeadersFilter(SecurityHeadersConfiguration configuration) {
    this.headers = configuration.headers();
  }

  @RequestFilter
  @Nullable
  MutableHttpResponse<Problem> refuseTrace(HttpRequest<?> request) {
    if (request.getMethod() == HttpMethod.TRACE) {
      // A response returned here skips this filter's own response phase: stamp it now.
      MutableHttpResponse<Problem> refused =
          Problems.response(request, HttpStatus.METHOD_NOT_ALLOWED, Problems.genericDetail(405))
              .header("Allow", "GET, POST, PUT, DELETE");
      stamp(refused);
      return refused;
    }
    return null;
  }

  @ResponseFilter
  void stamp(MutableHttpResponse<?> response) {
    headers.forEach(response.getHeaders()::set);
    response.getHeaders().remove("Server");
    response.getHeaders().remove("X-Powered-By");
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }
}
