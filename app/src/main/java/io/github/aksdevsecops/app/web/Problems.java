package io.github.aksdevsecops.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses; the one place that decides what an error body may reveal. */
public final class Problems {

  private Problems() {}

  /** A fixed, safe sentence per status for errors whose cause must not be echoed. */
  public static String genericDetail(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "a valid bearer token is required";
      case 403 -> "the token lacks the scope this operation requires";
      case 404 -> "no resource at this path";
      case 405 -> "this method is not allowed on this resource";
      case 406 -> "no acceptable representation";
      case 408 -> "the request was not received in time";
      case 413 -> "the request body is too large";
      case 414 -> "the request URI is too long";
      case 415 -> "the content type is not supported";
      case 431 -> "the request headers are too large";
      default -> status >= 500 ? "an internal error occurred" : "the request was rejected";
    };
  }

  public static Problem of(
      int status, String reason, String detail, String path, List<String> errors) {
    return new Problem("about:blank", reason, status, detail, path, errors);
  }

  public static MutableHttpResponse<Problem> response(
      HttpRequest<?> request, HttpStatus status, String detail) {
    return HttpResponse.<Problem>status(status)
        .contentType(Problem.MEDIA_TYPE)
        .body(of(status.getCode(), status.getReason(), detail, request.getPath(), null));
  }
}
