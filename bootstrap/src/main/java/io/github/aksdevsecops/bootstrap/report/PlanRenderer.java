package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan as text, JSON-ready data, Mermaid or DOT. Pure: no I/O. */
public final class PlanRenderer {
  public static final String FIELD_MANAGER = "devsecops-bootstrap";

  private PlanRenderer() {}

  /** What a step touches, in words. */
  public static String touches(Component c, Environment env) {
    ComponentSpec spec = c.spec();
    if (spec instanceof ComponentSpec.Terraform tf) {
      return "Azure resources of Terraform stack "
          + tf.stack()
          + " (vars environments/"
          + env.name()
          + ".tfvars, state per environments/"
          + env.name()
          + ".backend.hcl; saved plan applied)";
    }
    if (spec instanceof ComponentSpec.Credentials) {
      return env.azure().isPresent()
          ? "local kubeconfig: context "
              + env.kubeContext()
              + " from AKS user credentials (Azure SDK, kept in memory), subscription "
              + env.azure().get().subscriptionId()
          : "nothing: uses the current kube context, which must be " + env.kubeContext();
    }
    if (spec instanceof ComponentSpec.Helm helm) {
      return "Helm release "
          + helm.namespace()
          + "/"
          + helm.release()
          + ": "
          + helm.chartReference()
          + " with "
          + helm.values()
          + " (atomic, wait)";
    }
    ComponentSpec.Manifests m = (ComponentSpec.Manifests) spec;
    return "objects rendered from " + m.path() + " (server-side apply as " + FIELD_MANAGER + ")";
  }

  public static List<String> readiness(Component c) {
    List<String> waits = new ArrayList<>();
    c.waits().crds().forEach(crd -> waits.add("CRD " + crd + " Established"));
    c.waits().deployments().forEach(d -> waits.add("Deployment " + d + " Available"));
    c.waits()
        .webhooks()
        .forEach(w -> waits.add("webhook Service " + w + " answering (ready endpoint)"));
    return waits;
  }

  public static String text(Plan plan) {
    Environment env = plan.environment();
    StringBuilder out = new StringBuilder();
    String target =
        env.azure()
            .map(a -> "AKS in " + a.location() + ", subscription " + a.subscriptionId())
            .orElse("kube context " + env.kubeContext() + " (no Azure)");
    out.append("Plan for environment ")
        .append(env.name())
        .append(" (")
        .append(target)
        .append("): ")
        .append(plan.steps().size())
        .append(" steps in ")
        .append(plan.layers().size())
        .append(" layers; steps of one layer run in parallel\n");
    for (List<PlannedStep> layer : plan.layers()) {
      out.append("\nlayer ").append(layer.get(0).layer() + 1).append('\n');
      for (PlannedStep step : layer) {
        Component c = step.component();
        out.append("  ")
            .append(step.id())
            .append(" [")
            .append(c.spec().kind())
            .append("] ")
            .append(c.description())
            .append('\n');
        out.append("      touches: ").append(touches(c, env)).append('\n');
        step.waitsFor()
            .forEach(
                (dep, why) ->
                    out.append("      after ").append(dep).append(": ").append(why).append('\n'));
        inputs(c)
            .forEach(
                (name, ref) ->
                    out.append("      input ").append(name).append(" = ").append(ref).append('\n'));
        for (String w : readiness(c)) {
          out.append("      waits for ").append(w).append('\n');
        }
      }
    }
    if (!plan.skipped().isEmpty()) {
      out.append("\nswitched off in ")
          .append(env.name())
          .append(": ")
          .append(String.join(", ", plan.skipped()))
          .append('\n');
    }
    return out.toString();
  }

  private static Map<String, OutputRef> inputs(Component c) {
    if (c.spec() instanceof ComponentSpec.Terraform tf) {
      return tf.variables();
    }
    if (c.spec() instanceof ComponentSpec.Credentials cred) {
      return cred.inputs();
    }
    return Map.of();
  }

  /** Plain maps and lists, for the JSON writer. */
  public static Map<String, Object> data(Plan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("environment", plan.environment().name());
    List<Object> steps = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", step.id());
      s.put("kind", step.component().spec().kind());
      s.put("layer", step.layer() + 1);
      s.put("description", step.component().description());
      s.put("touches", touches(step.component(), plan.environment()));
      s.put("after", step.waitsFor());
      Map<String, String> in = new LinkedHashMap<>();
      inputs(step.component()).forEach((k, v) -> in.put(k, v.toString()));
      s.put("inputs", in);
      s.put("waitsFor", readiness(step.component()));
      steps.add(s);
    }
    root.put("layers", plan.layers().size());
    root.put("steps", steps);
    root.put("switchedOff", plan.skipped());
    return root;
  }

  public static String mermaid(Plan plan) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    for (PlannedStep step : plan.steps()) {
      out.append("  ")
          .append(node(step.id()))
          .append("[\"")
          .append(step.id())
          .append(" (")
          .append(step.component().spec().kind())
          .append(")\"]\n");
    }
    for (PlannedStep step : plan.steps()) {
      step.waitsFor()
          .keySet()
          .forEach(
              dep ->
                  out.append("  ")
                      .append(node(dep))
                      .append(" --> ")
                      .append(node(step.id()))
                      .append('\n'));
    }
    return out.toString();
  }

  public static String dot(Plan plan) {
    StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=TB;\n");
    for (PlannedStep step : plan.steps()) {
      out.append("  \"")
          .append(step.id())
          .append("\" [label=\"")
          .append(step.id())
          .append("\\n")
          .append(step.component().spec().kind())
          .append("\"];\n");
    }
    for (PlannedStep step : plan.steps()) {
      step.waitsFor()
          .forEach(
              (dep, why) ->
                  out.append("  \"")
                      .append(dep)
                      .append("\" -> \"")
                      .append(step.id())
                      .append("\" [tooltip=\"")
                      .append(why.replace("\"", "'"))
                      .append("\"];\n"));
    }
    return out.append("}\n").toString();
  }

  private static String node(String id) {
    return id.replace('-', '_');
  }
}
