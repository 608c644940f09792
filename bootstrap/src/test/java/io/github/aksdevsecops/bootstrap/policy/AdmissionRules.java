package io.github.aksdevsecops.bootstrap.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The project's admission rules, the same ones the Kyverno ClusterPolicies enforce in the cluster,
 * evaluated offline so every workload the repository ships is known to be admissible. Each rule
 * returns its violations; an empty list means the workload passes.
 */
enum AdmissionRules {
  REQUIRE_IMAGE_DIGEST("require-image-digest") {
    @Override
    List<String> violations(Workload w, String registry) {
      return imagesFailing(
          w, image -> DIGEST.matcher(image).find(), "is not pinned by sha256 digest");
    }
  },
  REQUIRE_RUN_AS_NON_ROOT("require-run-as-non-root") {
    @Override
    List<String> violations(Workload w, String registry) {
      List<String> out = new ArrayList<>();
      boolean podNonRoot = w.pod().runAsNonRoot().orElse(false);
      if (w.pod().runAsUser().map(uid -> uid == 0).orElse(false)) {
        out.add("pod securityContext.runAsUser is 0");
      }
      for (Workload.Container c : w.containers()) {
        boolean nonRoot = c.runAsNonRoot().orElse(podNonRoot);
        if (!nonRoot) {
          out.add(c.name() + ": runAsNonRoot is not true (pod or container)");
        }
        if (c.runAsUser().map(uid -> uid == 0).orElse(false)) {
          out.add(c.name() + ": runAsUser is 0");
        }
      }
      return out;
    }
  },
  RESTRICT_IMAGE_REGISTRIES("restrict-image-registries") {
    @Override
    List<String> violations(Workload w, String registry) {
      return imagesFailing(w, image -> image.startsWith(registry + "/"), "is not from " + registry);
    }
  },
  REQUIRE_REQUESTS_LIMITS("require-requests-limits") {
    @Override
    List<String> violations(Workload w, String registry) {
      List<String> out = new ArrayList<>();
      for (Workload.Container c : w.containers()) {
        for (String resource : List.of("cpu", "memory")) {
          if (isBlank(c.requests().get(resource))) {
            out.add(c.name() + ": no resources.requests." + resource);
          }
          if (isBlank(c.limits().get(resource))) {
            out.add(c.name() + ": no resources.limits." + resource);
          }
        }
      }
      return out;
    }
  },
  DISALLOW_PRIVILEGE_ESCALATION("disallow-privilege-escalation") {
    @Override
    List<String> violations(Workload w, String registry) {
      List<String> out = new ArrayList<>();
      for (Workload.Container c : w.containers()) {
        if (c.privileged().orElse(false)) {
          out.add(c.name() + ": privileged");
        }
        if (c.allowPrivilegeEscalation().orElse(true)) {
          out.add(c.name() + ": allowPrivilegeEscalation is not false");
        }
      }
      return out;
    }
  };

  private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

  private final String policyName;

  AdmissionRules(String policyName) {
    this.policyName = policyName;
  }

  /** Name of the Kyverno ClusterPolicy enforcing this rule in the cluster. */
  String policyName() {
    return policyName;
  }

  abstract List<String> violations(Workload workload, String registry);

  static List<String> allViolations(Workload workload, String registry) {
    List<String> out = new ArrayList<>();
    for (AdmissionRules rule : values()) {
      for (String v : rule.violations(workload, registry)) {
        out.add(workload.id() + " [" + rule.policyName + "] " + v);
      }
    }
    return out;
  }

  private static List<String> imagesFailing(
      Workload w, Predicate<String> accepted, String problem) {
    List<String> out = new ArrayList<>();
    for (Workload.Container c : w.containers()) {
      if (!accepted.test(c.image())) {
        out.add(c.name() + ": image " + c.image() + " " + problem);
      }
    }
    return out;
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
