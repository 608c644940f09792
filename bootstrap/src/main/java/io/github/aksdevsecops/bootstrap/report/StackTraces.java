package io.github.aksdevsecops.bootstrap.report;

/** The causes and frames of an error, for --verbose only. */
public final class StackTraces {
  private StackTraces() {}

  public static String text(Throwable error) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      sb.append(t == error ? "" : "caused by: ").append(t).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        sb.append("\tat ").append(frame).append('\n');
      }
    }
    return sb.toString();
  }
}
