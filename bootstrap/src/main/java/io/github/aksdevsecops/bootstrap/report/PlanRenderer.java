package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.execute.StepOutcome;
import io.github.aksdevsecops.bootstrap.execute.StepResult;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.plan.Touches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Renders a plan as text, JSON-ready data, Mermaid or DOT. Pure: no I/O. */
public final class PlanRenderer {
  private PlanRenderer() {}

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
        out.append("      touches: ").append(Touches.of(c, env)).append('\n');
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
      s.put("touches", Touches.of(step.component(), plan.environment()));
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
    return graph(
        plan,
        "flowchart TD\n",
        step ->
            node(step.id())
                + "[\""
                + mermaidText(step.id() + " (" + step.component().spec().kind() + ")")
                + "\"]",
        (from, to, why) -> node(from) + " -->|\"" + mermaidText(why) + "\"| " + node(to),
        "");
  }

  public static String dot(Plan plan) {
    return graph(
        plan,
        "digraph plan {\n  rankdir=TB;\n",
        step ->
            dotString(step.id())
                + " [label="
                + dotString(step.id() + "\n" + step.component().spec().kind())
                + "];",
        (from, to, why) ->
            dotString(from) + " -> " + dotString(to) + " [tooltip=" + dotString(why) + "];",
        "}\n");
  }

  /** One line for a dependency: the step waited for, the step waiting, and why. */
  private interface EdgeLine {
    String of(String from, String to, String why);
  }

  /** The graph text both formats share: a line per step, then a line per dependency, indented. */
  private static String graph(
      Plan plan, String header, Function<PlannedStep, String> node, EdgeLine edge, String footer) {
    StringBuilder out = new StringBuilder(header);
    for (PlannedStep step : plan.steps()) {
      out.append("  ").append(node.apply(step)).append('\n');
    }
    for (PlannedStep step : plan.steps()) {
      step.waitsFor()
          .forEach(
              (dep, why) -> out.append("  ").append(edge.of(dep, step.id(), why)).append('\n'));
    }
    return out.append(footer).toString();
  }

  /** A DOT quoted string: backslash, quote and line breaks escaped. */
  static String dotString(String text) {
    return "\""
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n")
        + "\"";
  }

  /** Text inside a quoted Mermaid label: quotes and angle brackets as entity codes, one line. */
  static String mermaidText(String text) {
    return text.replace("\"", "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
        .replace("\r", "")
        .replace("\n", " ");
  }

  /** plan --live: per step whether apply would change something. */
  public static String live(List<StepOutcome> outcomes) {
    StringBuilder out = new StringBuilder("\nlive changes:\n");
    for (StepOutcome o : outcomes) {
      out.append(
          String.format(
              "  %-24s %-10s %s%n", o.step().id(), liveLabel(o.result()), o.result().detail()));
    }
    return out.toString();
  }

  static String liveLabel(StepResult r) {
    if (r instanceof StepResult.Applied) {
      return "changes";
    }
    if (r instanceof StepResult.Unchanged) {
      return "no change";
    }
    return r instanceof StepResult.Skipped ? "unknown" : "FAILED";
  }

  private static String node(String id) {
    return id.replace('-', '_');
  }
}
