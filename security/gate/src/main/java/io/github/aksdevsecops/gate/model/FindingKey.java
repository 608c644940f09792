package io.github.aksdevsecops.gate.model;

/**
 * {@code <vulnerability id>|<package name>|<installed version>}, exact strings: the identity of a
 * finding across reports, the ignore list, the state file and tickets.
 */
public record FindingKey(String id, String packageName, String version) {

  @Override
  public String toString() {
    return id + "|" + packageName + "|" + version;
  }
}
