package io.github.aksdevsecops.gate.model;

import java.time.Instant;

/**
 * An accepted finding from the ignore file.
 *
 * @param packageName the package it covers, or null for every package with that id
 * @param expires the instant it stops suppressing (a date means 00:00 UTC of that day)
 * @param line where the entry starts in the ignore file
 */
public record IgnoreEntry(
    String id,
    String packageName,
    String justification,
    String owner,
    Instant expires,
    String expiresText,
    String file,
    int line) {

  public boolean covers(FindingKey key) {
    return id.equals(key.id()) && (packageName == null || packageName.equals(key.packageName()));
  }

  /** Active while the expiry is after now. */
  public boolean activeAt(Instant now) {
    return expires.isAfter(now);
  }

  public String label() {
    return packageName == null ? id : id + " (" + packageName + ")";
  }
}
