package io.github.aksdevsecops.gate.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** {@code --now}: an RFC 3339 date-time with an offset, e.g. 2026-12-01T08:00:00Z. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an RFC 3339 date-time (e.g. 2026-12-01T08:00:00Z)");
    }
  }
}
