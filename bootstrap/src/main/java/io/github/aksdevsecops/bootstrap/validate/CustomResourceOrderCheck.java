package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.Provided;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.render.RenderedStep;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every custom resource of a step finds its CRD already in the cluster when the step applies it:
 * the CRD is installed by a step this one waits for (its {@code dependsOn}, directly or through
 * others, so no ordering of independent steps can put it first), or by the step's own chart from a
 * {@code crds/} folder, which Helm installs before it checks the release's templates. A CRD among
 * the same chart's templates does not count: Helm maps every template's kind before it installs any
 * of them, so a first install is refused. CRDs the environment file declares as {@code provided}
 * exist before any step; a CRD nothing installs is {@link CustomResourceSchemaCheck}'s to report.
 */
final class CustomResourceOrderCheck implements PlatformCheck {
  /**
   * Where the render says a document comes from: a chart's (or subchart's) crds/ folder, which the
   * render emits through {@link HelmGateway#CRDS_FOLDER_TEMPLATE}, as opposed to its other
   * templates.
   */
  private static final Pattern CRDS_FOLDER =
      Pattern.compile(
          "^(?:[^/]+/charts/)*[^/]+/(?:crds/.+|templates/"
              + Pattern.quote(HelmGateway.CRDS_FOLDER_TEMPLATE)
              + ")$");

  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)\\s*$");

  /** One CRD as a step installs it. */
  private record Installer(String step, boolean crdsFolder) {}

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    Set<String> provided = new HashSet<>();
    for (Provided p : env.environment().provided()) {
      if (p.kind().equals("CustomResourceDefinition")) {
        provided.add(p.name());
      }
    }
    Map<String, Set<String>> crdsFolderOf = new HashMap<>();
    Map<String, Map<String, String>> waits = new HashMap<>();
    for (RenderedStep step : env.render().steps()) {
      waits.put(step.step().id(), step.step().waitsFor());
      crdsFolderOf.put(step.step().id(), crdsFolderCrds(step));
    }
    // group/kind -> the steps that install its CRD
    Map<String, List<Installer>> installers = new LinkedHashMap<>();
    Map<String, String> crdNames = new HashMap<>();
    for (RenderedObject o : env.objects()) {
      if (!o.isKind("CustomResourceDefinition")) {
        continue;
      }
      Map<String, Object> spec = Plain.map(o.content().get("spec"));
      String key = spec.get("group") + "/" + Plain.map(spec.get("names")).get("kind");
      String step = o.step().step().id();
      boolean folder = crdsFolderOf.getOrDefault(step, Set.of()).contains(o.object().name());
      installers.computeIfAbsent(key, k -> new ArrayList<>()).add(new Installer(step, folder));
      crdNames.put(key, o.object().name());
    }
    Map<String, Set<String>> ancestors = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (RenderedObject o : env.objects()) {
      String apiVersion = o.object().apiVersion();
      int slash = apiVersion.indexOf('/');
      if (slash < 0) {
        continue;
      }
      String key = apiVersion.substring(0, slash) + "/" + o.object().kind();
      List<Installer> from = installers.get(key);
      if (from == null || provided.contains(crdNames.get(key))) {
        continue; // a built-in kind, a provided CRD, or one CustomResourceSchemaCheck reports
      }
      String step = o.step().step().id();
      Set<String> before = ancestors.computeIfAbsent(step, s -> ancestors(s, waits));
      boolean ready =
          from.stream()
              .anyMatch(i -> before.contains(i.step()) || i.step().equals(step) && i.crdsFolder());
      if (!ready) {
        problems.add(o.problem(env.name(), message(key, crdNames.get(key), step, from)));
      }
    }
    return problems;
  }

  private static String message(String key, String crd, String step, List<Installer> from) {
    List<String> steps = from.stream().map(Installer::step).distinct().toList();
    if (steps.equals(List.of(step))) {
      return key
          + " is defined by CRD "
          + crd
          + ", which step '"
          + step
          + "' installs from its chart's templates rather than a crds/ folder: Helm maps the"
          + " kind before the CRD exists and refuses the first install (install the CRD in a"
          + " step that '"
          + step
          + "' depends on)";
    }
    return key
        + " is defined by CRD "
        + crd
        + ", which step "
        + String.join(", ", steps.stream().map(s -> "'" + s + "'").toList())
        + " installs, but step '"
        + step
        + "' does not depend on it, so the CRD may not exist when the step applies this"
        + " (bootstrap/catalog.yaml: add it to the dependsOn of '"
        + step
        + "')";
  }

  /** The steps {@code step} waits for, directly or through others. */
  static Set<String> ancestors(String step, Map<String, Map<String, String>> waits) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(waits.getOrDefault(step, Map.of()).keySet());
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (seen.add(s)) {
        todo.addAll(waits.getOrDefault(s, Map.of()).keySet());
      }
    }
    return seen;
  }

  /** Names of the CRDs a step's render takes from a chart's crds/ folder. */
  private static Set<String> crdsFolderCrds(RenderedStep step) {
    Set<String> names = new HashSet<>();
    String yaml = step.yaml();
    Matcher m = SOURCE.matcher(yaml);
    List<int[]> folders = new ArrayList<>();
    while (m.find()) {
      if (CRDS_FOLDER.matcher(m.group(1)).matches()) {
        int end = yaml.indexOf("\n---", m.end());
        folders.add(new int[] {m.start(), end < 0 ? yaml.length() : end});
      }
    }
    for (int[] range : folders) {
      String doc = yaml.substring(range[0], range[1]);
      for (YamlNode node : YamlFiles.parseRendered(Path.of(step.step().id()), doc)) {
        if (node.isMapping()) {
          KubeObject k = KubeObject.of(node, null);
          if ("CustomResourceDefinition".equals(k.kind())) {
            names.add(k.name());
          }
        }
      }
    }
    return names;
  }
}
