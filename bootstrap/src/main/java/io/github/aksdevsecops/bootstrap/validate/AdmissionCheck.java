package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.validate.admission.KyvernoAdmission;
import io.github.aksdevsecops.bootstrap.validate.admission.Workloads;
import java.util.ArrayList;
import java.util.List;

/**
 * Every pod the platform runs — from charts, hooks, the repository's manifests and operators'
 * custom resources — is admitted by the platform's own Enforce policies, exceptions honoured as
 * Kyverno matches them. All policies apply to all pods whatever the step order: a pod created
 * before the policies existed is admitted again at its next restart or reschedule.
 */
final class AdmissionCheck implements PlatformCheck {
  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    List<Problem> problems = new ArrayList<>();
    KyvernoAdmission admission = KyvernoAdmission.of(env.objects());
    for (KyvernoAdmission.Unchecked u : admission.unchecked()) {
      env.objects().stream()
          .filter(o -> o.object().name().equals(u.policy()) && o.object().kind().endsWith("Policy"))
          .findFirst()
          .ifPresent(o -> problems.add(o.problem(env.name(), "rule " + u.rule() + ": " + u.why())));
    }
    for (Workloads.Workload w : Workloads.of(env.objects())) {
      for (KyvernoAdmission.Violation v : admission.evaluate(w.subject())) {
        problems.add(
            w.from()
                .problem(
                    env.name(),
                    w.via()
                        + "rejected by "
                        + v.policy()
                        + "/"
                        + v.rule()
                        + ": "
                        + v.detail()
                        + " ("
                        + v.message()
                        + ")"));
      }
    }
    return problems;
  }
}
