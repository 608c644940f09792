package io.github.aksdevsecops.app.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;

/**
 * Renders every error the framework produces (routing, binding, validation, limits, uncaught
 * exceptions) as application/problem+json, whatever the client accepts. Only bean-validation
 * messages, which are written by this service, reach the body; any other message could disclose
 * framework internals and is replaced by a fixed sentence.
 */
@Singleton
@Primary
class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    int status = response.code();
    String detail = Problems.genericDetail(status);
    List<String> errors = null;
    var cause = context.getRootCause();
    if (cause.isPresent() && cause.get() instanceof ProblemException problem) {
      detail = problem.getMessage();
    } else if (cause.isPresent() && cause.get() instanceof ConstraintViolationException) {
      detail = "the request failed validation";
      errors = context.getErrors().stream().map(Error::getMessage).toList();
    }
    String reason = HttpStatus.valueOf(status).getReason();
    Problem problem = Problems.of(status, reason, detail, context.getRequest().getPath(), errors);
    return response.contentType(Problem.MEDIA_TYPE).body(problem);
  }
}
