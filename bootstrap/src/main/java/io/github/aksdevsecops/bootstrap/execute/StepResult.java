package io.github.aksdevsecops.bootstrap.execute;

import java.util.Map;

/**
 * Outcome of one step. {@code recorded} holds non-secret facts the journal keeps (Terraform
 * outputs, the digest of Helm values) so that a resumed or repeated run can use them.
 */
public sealed interface StepResult {
  String detail();

  default Map<String, String> recorded() {
    return Map.of();
  }

  record Applied(String detail, Map<String, String> recorded) implements StepResult {
    public Applied {
      recorded = Map.copyOf(recorded);
    }

    public Applied(String detail) {
      this(detail, Map.of());
    }
  }

  record Unchanged(String detail, Map<String, String> recorded) implements StepResult {
    public Unchanged {
      recorded = Map.copyOf(recorded);
    }

    public Unchanged(String detail) {
      this(detail, Map.of());
    }
  }

  record Skipped(String detail) implements StepResult {}

  record Failed(String detail) implements StepResult {}

  static String label(StepResult r) {
    if (r instanceof Applied) {
      return "applied";
    }
    if (r instanceof Unchanged) {
      return "unchanged";
    }
    if (r instanceof Skipped) {
      return "skipped";
    }
    return "FAILED";
  }
}
