package io.github.aksdevsecops.bootstrap.plan;

import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure planner: catalog + environment to layered DAG. Rejects duplicate ids, unknown dependencies,
 * toggles naming unknown components, outputs consumed from switched-off steps and cycles, naming
 * the offenders.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(Catalog catalog, Environment env) {
    Map<String, Component> byId = index(catalog);
    List<Problem> problems = new ArrayList<>();
    for (String toggle : env.components().keySet()) {
      if (!byId.containsKey(toggle)) {
        problems.add(
            new Problem(env.file(), 0, "components." + toggle + ": no such catalog component"));
      }
    }
    for (Component c : byId.values()) {
      for (String dep : c.dependsOn().keySet()) {
        if (!byId.containsKey(dep)) {
          problems.add(
              Problem.at(
                  c.source(),
                  "component '" + c.id() + "' depends on unknown component '" + dep + "'"));
        }
      }
      for (OutputRef ref : consumed(c)) {
        Component producer = byId.get(ref.component());
        if (producer == null) {
          problems.add(problem(c, "consumes " + ref + " from unknown component"));
        } else if (!(producer.spec() instanceof ComponentSpec.Terraform tf)
            || !tf.outputs().contains(ref.output())) {
          problems.add(problem(c, "consumes " + ref + " which that component does not declare"));
        } else if (c.inputs().containsValue(ref) && !env.enables(producer.id())) {
          // Inputs are read only where a file writes ${NAME}: the inputs check of validate finds
          // a file that does so in an environment without the producer.
          continue;
        } else if (c.spec() instanceof ComponentSpec.Credentials && env.azure().isEmpty()) {
          // Without Azure the credentials come from the current kube context: inputs unused.
          continue;
        } else if (env.enables(c.id()) && !env.enables(producer.id())) {
          problems.add(
              problem(
                  c,
                  "consumes "
                      + ref
                      + " but '"
                      + producer.id()
                      + "' is switched off in environment "
                      + env.name()));
        } else if (!dependsTransitively(c, producer.id(), byId)) {
          problems.add(
              problem(c, "consumes " + ref + " but does not depend on '" + producer.id() + "'"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<String> cycle = findCycle(byId);
    if (!cycle.isEmpty()) {
      Component first = byId.get(cycle.get(0));
      throw new InvalidInputException(
          Problem.at(first.source(), "dependency cycle: " + String.join(" -> ", cycle)));
    }
    Map<String, Map<String, String>> effective = new LinkedHashMap<>();
    List<PlannedStep> skipped = new ArrayList<>();
    for (Component c : catalog.components()) {
      if (env.enables(c.id())) {
        effective.put(c.id(), effectiveDeps(c, byId, env));
      } else {
        skipped.add(new PlannedStep(c, PlannedStep.SWITCHED_OFF, Map.of()));
      }
    }
    return new Plan(env, layers(catalog, effective, byId), skipped);
  }

  private static Problem problem(Component c, String message) {
    return new Problem(
        c.source().file(), c.source().line(), "component '" + c.id() + "' " + message);
  }

  public static List<OutputRef> consumed(Component c) {
    List<OutputRef> refs = new ArrayList<>(c.inputs().values());
    if (c.spec() instanceof ComponentSpec.Terraform tf) {
      refs.addAll(tf.variables().values());
    }
    if (c.spec() instanceof ComponentSpec.Credentials cred) {
      refs.addAll(cred.inputs().values());
    }
    return List.copyOf(refs);
  }

  private static Map<String, Component> index(Catalog catalog) {
    Map<String, Component> byId = new LinkedHashMap<>();
    List<Problem> duplicates = new ArrayList<>();
    for (Component c : catalog.components()) {
      Component previous = byId.putIfAbsent(c.id(), c);
      if (previous != null) {
        duplicates.add(
            Problem.at(
                c.source(),
                "duplicate component id '"
                    + c.id()
                    + "' (first declared at line "
                    + previous.source().line()
                    + ")"));
      }
    }
    if (!duplicates.isEmpty()) {
      throw new InvalidInputException(duplicates);
    }
    return byId;
  }

  private static boolean dependsTransitively(
      Component from, String target, Map<String, Component> byId) {
    Deque<String> todo = new ArrayDeque<>(from.dependsOn().keySet());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (id.equals(target)) {
        return true;
      }
      Component c = byId.get(id);
      if (c != null && seen.add(id)) {
        todo.addAll(c.dependsOn().keySet());
      }
    }
    return false;
  }

  /** Dependencies on switched-off components are replaced by theirs, keeping the reason. */
  private static Map<String, String> effectiveDeps(
      Component c, Map<String, Component> byId, Environment env) {
    Map<String, String> result = new LinkedHashMap<>();
    Deque<Map.Entry<String, String>> todo = new ArrayDeque<>(c.dependsOn().entrySet());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Map.Entry<String, String> dep = todo.pop();
      if (!seen.add(dep.getKey())) {
        continue;
      }
      if (env.enables(dep.getKey())) {
        result.putIfAbsent(dep.getKey(), dep.getValue());
      } else {
        for (Map.Entry<String, String> inherited : byId.get(dep.getKey()).dependsOn().entrySet()) {
          todo.add(
              Map.entry(
                  inherited.getKey(),
                  inherited.getValue() + " (via switched-off " + dep.getKey() + ")"));
        }
      }
    }
    return result;
  }

  private static List<String> findCycle(Map<String, Component> byId) {
    Map<String, Integer> state = new HashMap<>();
    for (String id : byId.keySet()) {
      List<String> cycle = visit(id, byId, state, new ArrayList<>());
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String id, Map<String, Component> byId, Map<String, Integer> state, List<String> stack) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
      cycle.add(id);
      return cycle;
    }
    state.put(id, 1);
    stack.add(id);
    for (String dep : byId.get(id).dependsOn().keySet()) {
      List<String> cycle = visit(dep, byId, state, stack);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    stack.remove(stack.size() - 1);
    state.put(id, 2);
    return List.of();
  }

  private static List<List<PlannedStep>> layers(
      Catalog catalog, Map<String, Map<String, String>> deps, Map<String, Component> byId) {
    Map<String, Integer> layerOf = new HashMap<>();
    List<List<PlannedStep>> layers = new ArrayList<>();
    // Catalog order is kept inside a layer, so the plan reads like the catalog.
    boolean progress = true;
    while (layerOf.size() < deps.size() && progress) {
      progress = false;
      for (Component c : catalog.components()) {
        Map<String, String> d = deps.get(c.id());
        if (d == null || layerOf.containsKey(c.id())) {
          continue;
        }
        int layer = 0;
        boolean ready = true;
        for (String dep : d.keySet()) {
          Integer l = layerOf.get(dep);
          if (l == null) {
            ready = false;
            break;
          }
          layer = Math.max(layer, l + 1);
        }
        if (ready) {
          layerOf.put(c.id(), layer);
          while (layers.size() <= layer) {
            layers.add(new ArrayList<>());
          }
          layers.get(layer).add(new PlannedStep(byId.get(c.id()), layer, d));
          progress = true;
        }
      }
    }
    return layers;
  }
}
