package io.github.aksdevsecops.gate.decide;

import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The policy for the ignore file (SECURITY.md): a known id format, an owner people can reach, a
 * justification that explains, and an expiry at most 90 days ahead, so every acceptance is reviewed
 * at least quarterly. The gate refuses a file that breaks it ({@link #violations}); an entry that
 * has expired only stops suppressing there, while {@code check-ignores} reports it too ({@link
 * #check}), so the file is cleaned up.
 */
public final class IgnorePolicy {
  public static final Duration MAX_AHEAD = Duration.ofDays(90);
  private static final int MIN_JUSTIFICATION = 20;
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern GHSA =
      Pattern.compile("GHSA-[2-9cfghjmpqrvwx]{4}-[2-9cfghjmpqrvwx]{4}-[2-9cfghjmpqrvwx]{4}");
  private static final Pattern VENDOR_PREFIX = Pattern.compile("[A-Z][A-Z0-9]*");
  private static final Pattern VENDOR_PART = Pattern.compile("[A-Za-z0-9.:]+");
  private static final Pattern HANDLE = Pattern.compile("[\\w.-]+");
  private static final Pattern DOMAIN_END = Pattern.compile("[A-Za-z]{2,}");

  private IgnorePolicy() {}

  /** Every violation, expired entries included: what {@code check-ignores} reports. */
  public static List<Problem> check(List<IgnoreEntry> entries, Instant now) {
    List<Problem> problems = new ArrayList<>();
    for (IgnoreEntry e : entries) {
      problems.addAll(violations(e, now));
      if (!e.activeAt(now)) {
        problems.add(at(e, e.label() + " expired " + e.expiresText() + ": fix it or renew it"));
      }
    }
    return problems;
  }

  /** The violations that make the gate refuse the file (everything but a passed expiry). */
  public static List<Problem> violations(List<IgnoreEntry> entries, Instant now) {
    List<Problem> problems = new ArrayList<>();
    for (IgnoreEntry e : entries) {
      problems.addAll(violations(e, now));
    }
    return problems;
  }

  private static List<Problem> violations(IgnoreEntry e, Instant now) {
    List<Problem> problems = new ArrayList<>();
    if (!knownId(e.id())) {
      problems.add(at(e, e.id() + " is not a CVE, GHSA or vendor advisory id"));
    }
    if (!reachableOwner(e.owner())) {
      problems.add(
          at(e, e.label() + ": owner \"" + e.owner() + "\" is not a @handle, @org/team or e-mail"));
    }
    if (e.justification().length() < MIN_JUSTIFICATION) {
      problems.add(
          at(
              e,
              e.label()
                  + ": justification \""
                  + e.justification()
                  + "\" does not explain the acceptance"));
    }
    if (Duration.between(now, e.expires()).compareTo(MAX_AHEAD) > 0) {
      problems.add(
          at(
              e,
              e.label()
                  + " expires "
                  + e.expiresText()
                  + ", more than "
                  + MAX_AHEAD.toDays()
                  + " days ahead (the policy's maximum)"));
    }
    return problems;
  }

  /** CVE-YYYY-NNNN, a GHSA id, or a vendor advisory id such as RHSA-2026:1234 or GO-2026-0001. */
  static boolean knownId(String id) {
    if (id.startsWith("CVE-")) {
      return CVE.matcher(id).matches();
    }
    if (id.startsWith("GHSA-")) {
      return GHSA.matcher(id).matches();
    }
    String[] parts = id.split("-", -1);
    if (parts.length < 2 || !VENDOR_PREFIX.matcher(parts[0]).matches()) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      if (!VENDOR_PART.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A GitHub @handle or @org/team, or an e-mail address. */
  static boolean reachableOwner(String owner) {
    if (owner.startsWith("@")) {
      String[] parts = owner.substring(1).split("/", -1);
      return parts.length <= 2
          && java.util.Arrays.stream(parts).allMatch(p -> HANDLE.matcher(p).matches());
    }
    int at = owner.indexOf('@');
    if (at <= 0
        || at != owner.lastIndexOf('@')
        || owner.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    String domain = owner.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    return dot > 0 && DOMAIN_END.matcher(domain.substring(dot + 1)).matches();
  }

  private static Problem at(IgnoreEntry e, String message) {
    return Problem.atLine(e.file(), e.line(), message);
  }
}
