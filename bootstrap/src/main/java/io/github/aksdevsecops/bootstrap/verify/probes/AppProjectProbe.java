package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Poll;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AppProject refuses a destination outside its list: an Application of the project aimed at the
 * sandbox namespace (not in the list) must get Argo CD's InvalidSpecError instead of a sync. The
 * Application has no sync policy and no finalizer, carries the run's labels and is deleted when the
 * probe ends (and again when the sandbox closes).
 */
public final class AppProjectProbe implements Probe.Check {
  static final String SERVER = "https://kubernetes.default.svc";

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    Optional<PlatformFacts.GitOps> declared = ctx.facts().gitops();
    if (declared.isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, "the environment declares no AppProject");
    }
    PlatformFacts.GitOps gitops = declared.get();
    String target = ctx.sandbox().namespace();
    if (gitops.destinationNamespaces().contains("*")) {
      return ProbeResult.fail("AppProject " + gitops.project() + " allows every namespace");
    }
    String name = "verify-" + ctx.sandbox().run();
    var applications =
        ctx.client()
            .genericKubernetesResources(ArgoApplications.CONTEXT)
            .inNamespace(gitops.namespace());
    Runnable delete = () -> applications.withName(name).delete();
    ctx.sandbox().onClose(delete::run);
    applications
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName(name)
                .withNamespace(gitops.namespace())
                .withLabels(ctx.sandbox().labels())
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "project", gitops.project(),
                        "source",
                            Map.of(
                                "repoURL", gitops.sourceRepo(),
                                "path", gitops.sourcePath(),
                                "targetRevision", "HEAD"),
                        "destination", Map.of("server", SERVER, "namespace", target)))
                .build())
        .create();
    try {
      Optional<String> refusal =
          Poll.until(ctx.timing(), () -> refusal(applications.withName(name).get()));
      String attempt =
          "Application " + name + " of project " + gitops.project() + " → namespace " + target;
      return refusal
          .map(m -> ProbeResult.pass(attempt, "refused: " + m))
          .orElseGet(
              () ->
                  ProbeResult.fail(
                      attempt,
                      "no InvalidSpecError within "
                          + ctx.timing().patience().toSeconds()
                          + " s; status: "
                          + status(applications.withName(name).get())));
    } finally {
      delete.run();
    }
  }

  /** Argo CD's verdict on a forbidden destination: an InvalidSpecError condition. */
  @SuppressWarnings("unchecked")
  static Optional<String> refusal(GenericKubernetesResource app) {
    if (app == null) {
      return Optional.empty();
    }
    List<Map<String, Object>> conditions = app.get("status", "conditions");
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> "InvalidSpecError".equals(c.get("type")))
        .map(c -> String.valueOf(c.get("message")))
        .filter(m -> m.contains("destination"))
        .findFirst();
  }

  static String status(GenericKubernetesResource app) {
    if (app == null) {
      return "the Application is gone";
    }
    Object status = app.getAdditionalProperties().get("status");
    return status == null ? "none" : status.toString();
  }
}
