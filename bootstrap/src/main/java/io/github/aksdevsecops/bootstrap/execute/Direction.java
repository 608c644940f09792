package io.github.aksdevsecops.bootstrap.execute;

/** Which way a run goes through the plan. */
public enum Direction {
  APPLY("apply"),
  DESTROY("destroy");

  private final String verb;

  Direction(String verb) {
    this.verb = verb;
  }

  public String verb() {
    return verb;
  }
}
