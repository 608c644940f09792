package io.github.aksdevsecops.bootstrap.verify;

import java.util.List;

/**
 * How a probe ended. PASS and FAIL carry the evidence (the denial message, the alert, the HTTP
 * response) that a reader can check without rerunning the probe; SKIPPED carries why the repository
 * says this environment has nothing to probe.
 */
public sealed interface ProbeResult {
  List<String> evidence();

  /** The control held. */
  record Pass(List<String> evidence) implements ProbeResult {
    public Pass {
      evidence = List.copyOf(evidence);
    }
  }

  /** The control did not hold, or could not be shown to hold. */
  record Fail(List<String> evidence) implements ProbeResult {
    public Fail {
      evidence = List.copyOf(evidence);
    }
  }

  /** Not run: the environment does not have what the probe attacks. */
  record Skipped(SkipCause cause, String detail) implements ProbeResult {
    @Override
    public List<String> evidence() {
      return List.of(detail);
    }
  }

  static ProbeResult pass(String... evidence) {
    return new Pass(List.of(evidence));
  }

  static ProbeResult fail(String... evidence) {
    return new Fail(List.of(evidence));
  }

  /** PASS when {@code held}, FAIL otherwise, with the same evidence. */
  static ProbeResult of(boolean held, List<String> evidence) {
    return held ? new Pass(evidence) : new Fail(evidence);
  }

  static String label(ProbeResult result) {
    if (result instanceof Pass) {
      return "PASS";
    }
    return result instanceof Fail ? "FAIL" : "SKIPPED";
  }
}
