package io.github.aksdevsecops.app.security;

import io.github.aksdevsecops.app.web.Problem;
import io.github.aksdevsecops.app.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every authentication or authorisation failure with a problem body and an RFC 6750
 * challenge, counts it in {@code auth_failures_total{reason}} for the security dashboard and writes
 * an audit line with the reason, method and path. The token itself is never logged: even an invalid
 * one may be a real credential sent to the wrong service.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class AuthFailureHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

  /** Values of the {@code reason} label; the set is closed so the label cardinality is bounded. */
  enum Reason {
    MISSING_TOKEN,
    INVALID_TOKEN,
    INSUFFICIENT_SCOPE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Logger AUDIT = LoggerFactory.getLogger("audit.auth");

  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

  AuthFailureHandler(MeterRegistry registry) {
    for (Reason reason : Reason.values()) {
      counters.put(
          reason,
          Counter.builder("auth_failures")
              .description("Requests refused by authentication or authorisation")
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    Reason reason = classify(request, exception);
    counters.get(reason).increment();
    AUDIT.info(
        "authentication failed reason={} method={} path={}",
        reason.label(),
        request.getMethodName(),
        request.getPath());
    HttpStatus status =
        reason == Reason.INSUFFICIENT_SCOPE ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
    MutableHttpResponse<Problem> response =
        Problems.response(request, status, Problems.genericDetail(status.getCode()));
    String challenge =
        switch (reason) {
          case MISSING_TOKEN -> "Bearer";
          case INVALID_TOKEN -> "Bearer error=\"invalid_token\"";
          case INSUFFICIENT_SCOPE -> "Bearer error=\"insufficient_scope\"";
        };
    return response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
  }

  private static Reason classify(HttpRequest<?> request, AuthorizationException exception) {
    if (exception.isForbidden()) {
      return Reason.INSUFFICIENT_SCOPE;
    }
    return request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
        ? Reason.INVALID_TOKEN
        : Reason.MISSING_TOKEN;
  }
}
