package io.github.aksdevsecops.gate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of security-gate.jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = CliFactory.production().create(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
