package io.github.aksdevsecops.bootstrap.model;

/** A value taken from another step's result, written {@code component.output} in the catalog. */
public record OutputRef(String component, String output) {
  @Override
  public String toString() {
    return component + "." + output;
  }
}
