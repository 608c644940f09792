package io.github.aksdevsecops.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 7807 problem details. Never carries exception messages, class names or stack traces. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @Nullable List<String> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Immutable copy of the validation messages, if any. */
  public Problem {
    errors = errors == null ? null : List.copyOf(errors);
  }
}
