package io.github.aksdevsecops.bootstrap.report;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeOutcome;
import io.github.aksdevsecops.bootstrap.verify.Verifier;
import java.io.PrintWriter;
import java.util.List;

/** A verify run as the console shows it: a line per probe as it ends, then the table. */
public final class VerifyText {
  private VerifyText() {}

  /** Prints each probe's result as soon as it is known. */
  public static final class Progress implements Verifier.Listener {
    private final PrintWriter out;
    private final int total;
    private int done;

    @SuppressFBWarnings(
        value = "EI_EXPOSE_REP2",
        justification = "writes to the console it is given")
    public Progress(PrintWriter out, int total) {
      this.out = out;
      this.total = total;
    }

    @Override
    public void finished(ProbeOutcome outcome) {
      done++;
      out.printf(
          "[%2d/%d] %s: %s%n", done, total, outcome.id(), VerifyReport.label(outcome.result()));
      out.flush();
    }
  }

  public static String of(VerifyReport report) {
    int width = report.probes().stream().mapToInt(p -> p.id().length()).max().orElse(5);
    String format = "%-" + width + "s  %-7s  %7s  %s%n";
    StringBuilder sb = new StringBuilder("\n");
    sb.append(String.format(format, "probe", "result", "seconds", "control"));
    for (VerifyReport.ProbeReport p : report.probes()) {
      sb.append(
          String.format(
              format, p.id(), p.result(), String.format("%.1f", p.seconds()), p.control()));
    }
    for (VerifyReport.ProbeReport p : report.probes()) {
      sb.append('\n').append(p.id()).append(' ').append(p.result());
      if (p.reason() != null) {
        sb.append(" (").append(p.reason()).append(')');
      }
      sb.append(":\n");
      evidence(sb, p.evidence());
    }
    sb.append('\n');
    if (!report.cleanup().isEmpty()) {
      sb.append("cleanup problems:\n");
      evidence(sb, report.cleanup());
    }
    sb.append(
        String.format(
            "verify --env %s: %d passed, %d failed, %d skipped; namespace %s %s%n",
            report.environment(),
            report.passed(),
            report.failed(),
            report.skipped(),
            report.namespace(),
            report.cleanup().isEmpty() ? "deleted" : "NOT fully cleaned up"));
    return sb.toString();
  }

  /** The probes for --help: each id on its line, its control below, wrapped at spaces. */
  public static String probes(List<Probe> probes, int width) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder(nl + "Probes (id, the control it proves):" + nl);
    for (Probe p : probes) {
      out.append("  ").append(p.id()).append(nl);
      StringBuilder line = new StringBuilder("      ");
      for (String word : p.control().split(" ")) {
        if (line.length() + word.length() >= width && line.length() > 6) {
          out.append(line.toString().stripTrailing()).append(nl);
          line = new StringBuilder("      ");
        }
        line.append(word).append(' ');
      }
      out.append(line.toString().stripTrailing()).append(nl);
    }
    return out.toString();
  }

  private static void evidence(StringBuilder sb, List<String> lines) {
    lines.forEach(line -> sb.append("  | ").append(line).append('\n'));
  }
}
