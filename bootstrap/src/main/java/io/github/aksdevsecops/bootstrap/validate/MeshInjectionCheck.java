package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.render.RenderedStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods of a namespace labelled {@code istio-injection: enabled} get their sidecar from istiod's
 * injector, which only answers for pods created after it runs. So each workload there either opts
 * out with the pod label {@code sidecar.istio.io/inject: "false"} (the label is what Istio 1.25
 * reads), or comes from a step that depends on the step installing the injector, directly or
 * through others; and a Job or CronJob must opt out, since an {@code istio-proxy} sidecar never
 * exits and the Job would never complete (a Helm hook Job would hold its release forever).
 */
final class MeshInjectionCheck implements PlatformCheck {
  static final String INJECTION_LABEL = "istio-injection";
  static final String OPT_OUT_LABEL = "sidecar.istio.io/inject";
  private static final List<String> POD_SOURCES =
      List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod");

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    Set<String> injected = new HashSet<>();
    Set<String> injectorSteps = new HashSet<>();
    for (RenderedObject o : env.objects()) {
      if (o.isKind("Namespace")
          && "enabled".equals(String.valueOf(labels(o.content()).get(INJECTION_LABEL)))) {
        injected.add(o.object().name());
      }
      if (o.isKind("MutatingWebhookConfiguration") && injects(o.content())) {
        injectorSteps.add(o.step().step().id());
      }
    }
    Map<String, Map<String, String>> waits = new HashMap<>();
    for (RenderedStep step : env.render().steps()) {
      waits.put(step.step().id(), step.step().waitsFor());
    }
    List<Problem> problems = new ArrayList<>();
    for (RenderedObject o : env.objects()) {
      String kind = o.object().kind();
      if (!POD_SOURCES.contains(kind) || !injected.contains(o.namespace())) {
        continue;
      }
      Map<String, Object> template =
          kind.equals("Pod")
              ? o.content()
              : Plain.map(
                  Plain.dig(
                      o.content(),
                      kind.equals("CronJob")
                          ? List.of("spec", "jobTemplate", "spec", "template")
                          : List.of("spec", "template")));
      if ("false".equals(String.valueOf(labels(template).get(OPT_OUT_LABEL)))) {
        continue;
      }
      String where = "namespace " + o.namespace() + " asks for sidecar injection";
      if (kind.equals("Job") || kind.equals("CronJob")) {
        problems.add(
            o.problem(
                env.name(),
                where
                    + ", and an istio-proxy sidecar never exits, so the Job would never complete:"
                    + " label its pods "
                    + OPT_OUT_LABEL
                    + ": \"false\""));
        continue;
      }
      String step = o.step().step().id();
      Set<String> before = CustomResourceOrderCheck.ancestors(step, waits);
      if (!injectorSteps.isEmpty()
          && injectorSteps.stream().noneMatch(before::contains)
          && !injectorSteps.contains(step)) {
        problems.add(
            o.problem(
                env.name(),
                where
                    + ", but step '"
                    + step
                    + "' does not depend on "
                    + String.join(
                        ", ", injectorSteps.stream().sorted().map(s -> "'" + s + "'").toList())
                    + ", whose injector must answer before the pods are created or they run"
                    + " without a sidecar (bootstrap/catalog.yaml: add it to the dependsOn of '"
                    + step
                    + "')"));
      }
    }
    return problems;
  }

  /** Whether a MutatingWebhookConfiguration is Istio's sidecar injector. */
  private static boolean injects(Map<String, Object> config) {
    for (Object w : Plain.list(config.get("webhooks"))) {
      if (String.valueOf(Plain.map(w).get("name")).endsWith("sidecar-injector.istio.io")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> labels(Map<String, Object> doc) {
    return Plain.map(Plain.map(doc.get("metadata")).get("labels"));
  }
}
