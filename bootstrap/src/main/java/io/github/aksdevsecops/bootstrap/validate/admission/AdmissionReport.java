package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission verdicts of the evaluator that {@code validate} runs, per object, for comparing
 * with the real Kyverno: every object evaluated (kind, namespace, name) and every (object, policy,
 * rule) refused. A pod another object makes (an Argo Rollout's pods, the StatefulSet the Prometheus
 * operator builds, cert-manager's solver pods) is not in the render, so its entry carries the
 * object as this evaluator models it, for Kyverno to evaluate the same object.
 */
public final class AdmissionReport {
  private AdmissionReport() {}

  /** The report as plain values: {@code evaluated} and {@code refused}, in render order. */
  public static Map<String, Object> of(List<RenderedObject> objects) {
    KyvernoAdmission admission = KyvernoAdmission.of(objects);
    List<Object> evaluated = new ArrayList<>();
    List<Object> refused = new ArrayList<>();
    for (Workloads.Workload w : Workloads.of(objects)) {
      Subject s = w.subject();
      Map<String, Object> entry = id(s);
      boolean derived =
          !w.from().object().kind().equals(s.kind()) || !w.from().object().name().equals(s.name());
      if (derived) {
        entry.put("from", w.from().object().describe());
        entry.put("object", modelled(s));
      }
      evaluated.add(entry);
      for (KyvernoAdmission.Violation v : admission.evaluate(s)) {
        Map<String, Object> r = id(s);
        r.put("policy", v.policy());
        r.put("rule", v.rule());
        r.put("detail", v.detail());
        refused.add(r);
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("rules", admission.ruleCount());
    report.put("evaluated", evaluated);
    report.put("refused", refused);
    return report;
  }

  private static Map<String, Object> id(Subject s) {
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("kind", s.kind());
    id.put("namespace", s.namespace());
    id.put("name", s.name());
    return id;
  }

  /** The object admission sees for a modelled pod source: the Pod, or a controller around it. */
  private static Map<String, Object> modelled(Subject s) {
    Map<String, Object> pod = new LinkedHashMap<>(s.pod());
    Map<String, Object> podMeta = new LinkedHashMap<>(Plain.map(pod.get("metadata")));
    if (s.kind().equals("Pod")) {
      podMeta.put("name", s.name());
      podMeta.put("namespace", s.namespace());
      pod.put("metadata", podMeta);
      return pod;
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", s.name());
    metadata.put("namespace", s.namespace());
    metadata.put("labels", s.labels());
    podMeta.remove("name");
    podMeta.remove("namespace");
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", podMeta);
    template.put("spec", pod.get("spec"));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("template", template);
    Map<String, Object> controller = new LinkedHashMap<>();
    controller.put("apiVersion", s.kind().equals("Job") ? "batch/v1" : "apps/v1");
    controller.put("kind", s.kind());
    controller.put("metadata", metadata);
    controller.put("spec", spec);
    return controller;
  }
}
