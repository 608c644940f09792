package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.verify.ProbeOutcome;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.Verifier;
import java.util.List;

/**
 * A verify run as {@code --output json} shows it: one object with each probe's id, control, result,
 * skip reason, evidence and duration, the sandbox namespace and any cleanup problem.
 */
public record VerifyReport(
    String environment,
    String namespace,
    String probeImage,
    boolean ok,
    int passed,
    int failed,
    int skipped,
    List<String> cleanup,
    List<ProbeReport> probes) {

  public VerifyReport {
    cleanup = List.copyOf(cleanup);
    probes = List.copyOf(probes);
  }

  /** One probe. {@code reason} is set for SKIPPED only. */
  public record ProbeReport(
      String id,
      String control,
      String result,
      String reason,
      List<String> evidence,
      double seconds) {
    public ProbeReport {
      evidence = List.copyOf(evidence);
    }

    static ProbeReport of(ProbeOutcome o) {
      ProbeResult r = o.result();
      return new ProbeReport(
          o.id(),
          o.control(),
          label(r),
          r instanceof ProbeResult.Skipped s ? s.cause().name() : null,
          r.evidence(),
          o.took().toMillis() / 1000.0);
    }
  }

  public static VerifyReport of(String environment, String probeImage, Verifier.Run run) {
    List<ProbeReport> probes = run.outcomes().stream().map(ProbeReport::of).toList();
    int passed = count(probes, "PASS");
    int failed = count(probes, "FAIL");
    return new VerifyReport(
        environment,
        run.namespace(),
        probeImage,
        failed == 0 && run.cleanup().isEmpty(),
        passed,
        failed,
        count(probes, "SKIPPED"),
        run.cleanup(),
        probes);
  }

  private static int count(List<ProbeReport> probes, String result) {
    return (int) probes.stream().filter(p -> p.result().equals(result)).count();
  }

  static String label(ProbeResult result) {
    return ProbeResult.label(result);
  }
}
