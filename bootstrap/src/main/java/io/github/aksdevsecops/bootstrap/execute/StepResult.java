package io.github.aksdevsecops.bootstrap.execute;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /** Not run, for a typed reason; {@code detail} adds the specifics (which prerequisite, ...). */
  record Skipped(SkipReason reason, String detail) implements StepResult {
    public Skipped(SkipReason reason) {
      this(reason, reason.text());
    }
  }

  /**
   * The step failed: what went wrong, the last lines the tool printed (masked) and, for {@code
   * --verbose}, the exception that ended it.
   */
  record Failed(String detail, List<String> tail, Optional<Throwable> cause) implements StepResult {
    public Failed {
      tail = List.copyOf(tail);
    }

    public Failed(String detail) {
      this(detail, List.of(), Optional.empty());
    }
  }

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

  /** The step is where the run wanted it: applied, unchanged, or skipped for a settled reason. */
  static boolean settled(StepResult r) {
    return r instanceof Applied
        || r instanceof Unchanged
        || r instanceof Skipped s && s.reason().settled();
  }
}
