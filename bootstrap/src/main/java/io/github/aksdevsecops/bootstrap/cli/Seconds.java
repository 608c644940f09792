package io.github.aksdevsecops.bootstrap.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A number of seconds from 1 to 3600, rejected by picocli otherwise (exit 2). */
final class Seconds implements ITypeConverter<Duration> {
  static final int MAX = 3600;

  @Override
  public Duration convert(String value) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number of seconds");
    }
    if (n < 1 || n > MAX) {
      throw new TypeConversionException("must be between 1 and " + MAX + " seconds, not " + n);
    }
    return Duration.ofSeconds(n);
  }
}
