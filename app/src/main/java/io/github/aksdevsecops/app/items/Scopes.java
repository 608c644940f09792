package io.github.aksdevsecops.app.items;

/** OAuth scopes (Entra ID delegated permissions or app roles) that guard the items API. */
public final class Scopes {
  public static final String READ = "items.read";
  public static final String WRITE = "items.write";

  private Scopes() {}
}
