package io.github.aksdevsecops.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --parallelism: a whole number from 1 to 16, rejected by picocli otherwise (exit 2). */
final class Parallelism implements ITypeConverter<Integer> {
  static final int MAX = 16;

  @Override
  public Integer convert(String value) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    if (n < 1 || n > MAX) {
      throw new TypeConversionException("must be between 1 and " + MAX + ", not " + n);
    }
    return n;
  }
}
