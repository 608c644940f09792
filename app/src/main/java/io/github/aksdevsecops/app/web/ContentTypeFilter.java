package io.github.aksdevsecops.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Set;

/**
 * A request that carries a body must say what it is: Micronaut would read a POST or PUT without
 * {@code Content-Type} as JSON, so a client could bypass the media-type check by omitting the
 * header. Answered with 415 after authentication, so that an anonymous caller still gets 401.
 */
@ServerFilter("/api/**")
class ContentTypeFilter implements Ordered {

  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT);

  @RequestFilter
  @Nullable
  MutableHttpResponse<Problem> requireContentType(HttpRequest<?> request) {
    if (WITH_BODY.contains(request.getMethod()) && request.getContentType().isEmpty()) {
      return Problems.response(
          request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.genericDetail(415));
    }
    return null;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
