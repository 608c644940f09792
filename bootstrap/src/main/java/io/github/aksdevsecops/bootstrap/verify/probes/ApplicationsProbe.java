package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/** Every Argo CD Application of the environment is Synced and Healthy. */
public final class ApplicationsProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) {
    PlatformFacts.GitOps gitops =
        ctx.facts().gitops().orElseThrow(() -> new IllegalStateException("no AppProject"));
    List<String> evidence = new ArrayList<>();
    boolean held = true;
    for (String name : gitops.applications()) {
      GenericKubernetesResource app =
          ctx.client()
              .genericKubernetesResources(ArgoApplications.CONTEXT)
              .inNamespace(gitops.namespace())
              .withName(name)
              .get();
      if (app == null) {
        held = false;
        evidence.add(name + ": not found in " + gitops.namespace());
        continue;
      }
      String sync = app.get("status", "sync", "status");
      String health = app.get("status", "health", "status");
      boolean ok = "Synced".equals(sync) && "Healthy".equals(health);
      held &= ok;
      evidence.add(name + ": " + sync + ", " + health);
    }
    return ProbeResult.of(held, evidence);
  }
}
