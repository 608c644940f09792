package io.github.aksdevsecops.bootstrap.verify;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What curl in a probe Pod saw: its exit code (why there was no answer) and, when there was one,
 * the status, headers and the start of the body.
 */
public record HttpReply(
    int curlExit, int status, Map<String, String> headers, String body, String error) {

  /** curl's exit codes for "no connection was made": unresolved, refused, timed out. */
  static final int UNRESOLVED = 6;

  static final int REFUSED = 7;
  static final int TIMED_OUT = 28;
  static final int EMPTY_REPLY = 52;
  static final int RESET = 56;

  public HttpReply {
    TreeMap<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = java.util.Collections.unmodifiableMap(lower);
  }

  public boolean answered() {
    return status > 0;
  }

  /** No TCP connection came about (as a dropping NetworkPolicy makes it). */
  public boolean noConnection() {
    return curlExit == REFUSED || curlExit == TIMED_OUT;
  }

  /** A connection was made and then closed without an HTTP answer (as STRICT mTLS does). */
  public boolean closedWithoutAnswer() {
    return !answered() && (curlExit == EMPTY_REPLY || curlExit == RESET);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** One line of evidence: the status line or curl's error, and the start of the body. */
  public String describe() {
    if (!answered()) {
      return "no HTTP answer (curl exit " + curlExit + (error.isBlank() ? "" : ": " + error) + ")";
    }
    String start = body.strip().replaceAll("\\s+", " ");
    return "HTTP "
        + status
        + (start.isEmpty()
            ? ""
            : ": " + (start.length() > 160 ? start.substring(0, 160) + "…" : start));
  }
}
