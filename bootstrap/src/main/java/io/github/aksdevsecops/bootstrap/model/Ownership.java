package io.github.aksdevsecops.bootstrap.model;

/**
 * How the tool marks what it owns in a cluster: the field manager of its server-side applies and
 * the annotation naming the step that created an object (destroy removes only those objects).
 */
public final class Ownership {
  public static final String FIELD_MANAGER = "devsecops-bootstrap";
  public static final String STEP_ANNOTATION = "bootstrap.aksdevsecops.io/step";

  private Ownership() {}
}
