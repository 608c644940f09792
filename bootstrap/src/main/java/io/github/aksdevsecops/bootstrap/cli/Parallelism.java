package io.github.aksdevsecops.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --parallelism: a whole number from 1 to 16, rejected by picocli otherwise (exit 2). */
final class Parallelism implements ITypeConverter<Integer> {
  static final int MAX = 16;

  @Override
  public Integer convert(String value) {
    return wholeNumber(value, MAX, "", "");
  }

  /**
   * A whole number from 1 to {@code max}. The messages that reject anything else name what is
   * counted: {@code ofWhat} after "whole number", {@code unit} after the bound (each with its
   * leading space, or empty).
   */
  static int wholeNumber(String value, int max, String ofWhat, String unit) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number" + ofWhat);
    }
    if (n < 1 || n > max) {
      throw new TypeConversionException("must be between 1 and " + max + unit + ", not " + n);
    }
    return n;
  }
}
