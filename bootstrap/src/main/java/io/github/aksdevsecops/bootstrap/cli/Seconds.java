package io.github.aksdevsecops.bootstrap.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** A number of seconds from 1 to 3600, rejected by picocli otherwise (exit 2). */
final class Seconds implements ITypeConverter<Duration> {
  static final int MAX = 3600;

  @Override
  public Duration convert(String value) {
    return Duration.ofSeconds(Parallelism.wholeNumber(value, MAX, " of seconds", " seconds"));
  }
}
