package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Offline validation of a checkout: parses the catalog and every environment, plans each
 * environment, and checks the cross-references between the catalog and the asset folders.
 */
public final class RepoValidator {
  private static final List<String> VALUES_ROOTS = List.of("kubernetes", "observability");
  private static final List<String> WORKLOAD_ROOTS = List.of("kubernetes", "observability", "app");

  private final Path root;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Integer> checked = new TreeMap<>();
  private final List<StackCheck> stackChecks;

  /** Extra checks of Terraform stacks; empty when no reader is wired. */
  public interface StackCheck {
    List<Problem> check(Path root, Catalog catalog, List<Environment> environments);
  }

  public RepoValidator(Path root, List<StackCheck> stackChecks) {
    this.root = root.toAbsolutePath().normalize();
    this.stackChecks = List.copyOf(stackChecks);
  }

  public ValidationReport validate() {
    Catalog catalog;
    try {
      catalog = CatalogReader.read(root.resolve(Workspace.CATALOG));
      count("catalog components", catalog.components().size());
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return report();
    }
    List<Environment> environments = environments();
    for (Environment env : environments) {
      try {
        Planner.plan(catalog, env);
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    Map<String, List<KubeObject>> objects = manifests(catalog);
    catalogFiles(catalog, environments);
    valuesFilesBelongToCharts(catalog);
    namespacesExist(catalog, objects);
    networkPoliciesSelectWorkloads(catalog, objects);
    for (StackCheck check : stackChecks) {
      problems.addAll(check.check(root, catalog, environments));
    }
    return report();
  }

  private ValidationReport report() {
    return new ValidationReport(checked, problems);
  }

  private void count(String what, int n) {
    checked.merge(what, n, Integer::sum);
  }

  private List<Environment> environments() {
    Path dir = root.resolve(Workspace.ENVIRONMENTS);
    List<Environment> result = new ArrayList<>();
    for (Path file : list(dir, ".yaml")) {
      try {
        result.add(EnvironmentReader.read(file));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (result.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(dir, 0, "no environment files"));
    }
    count("environments", result.size());
    return result;
  }

  private Map<String, List<KubeObject>> manifests(Catalog catalog) {
    Map<String, List<KubeObject>> result = new HashMap<>();
    for (Component c : catalog.components()) {
      if (c.spec() instanceof ComponentSpec.Manifests m) {
        Path dir = root.resolve(m.path());
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
          problems.add(at(c, m.path() + "/kustomization.yaml does not exist"));
          continue;
        }
        try {
          List<KubeObject> objects = Kustomizations.objects(dir);
          result.put(c.id(), objects);
          count("manifest objects", objects.size());
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
        }
      }
    }
    return result;
  }

  private void catalogFiles(Catalog catalog, List<Environment> environments) {
    for (Component c : catalog.components()) {
      if (c.spec() instanceof ComponentSpec.Terraform tf) {
        Path stack = root.resolve(tf.stack());
        if (list(stack, ".tf").isEmpty()) {
          problems.add(at(c, tf.stack() + " holds no .tf file"));
        }
        for (Environment env : environments) {
          if (env.azure().isPresent() && env.enables(c.id())) {
            for (String f : List.of(env.name() + ".tfvars", env.name() + ".backend.hcl")) {
              Path file = stack.resolve("environments").resolve(f);
              if (!Files.isRegularFile(file)) {
                problems.add(at(c, tf.stack() + "/environments/" + f + " does not exist"));
              }
            }
          }
        }
        count("terraform stacks", 1);
      } else if (c.spec() instanceof ComponentSpec.Helm helm) {
        requireFile(c, helm.values());
        helm.fileValues().forEach(fv -> requireFile(c, fv.file()));
        count("helm values files", 1);
      }
    }
  }

  private void requireFile(Component c, String relative) {
    Path file = root.resolve(relative);
    if (!Files.isRegularFile(file)) {
      problems.add(at(c, relative + " does not exist"));
      return;
    }
    try {
      YamlFiles.readAll(file);
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
  }

  /** A values file nobody installs is a file that silently drifts: each must belong to a chart. */
  private void valuesFilesBelongToCharts(Catalog catalog) {
    Set<Path> referenced = new HashSet<>();
    for (Component c : catalog.components()) {
      if (c.spec() instanceof ComponentSpec.Helm helm) {
        referenced.add(root.resolve(helm.values()).normalize());
      }
    }
    for (String top : VALUES_ROOTS) {
      for (Path file : walk(root.resolve(top))) {
        String name = String.valueOf(file.getFileName());
        boolean isValues = name.equals("values.yaml") || name.endsWith("-values.yaml");
        boolean inApps = root.relativize(file).toString().startsWith("kubernetes/apps/");
        if (isValues && !inApps && !referenced.contains(file.normalize())) {
          problems.add(
              new Problem(file, 0, "values file is not used by any pinned chart in the catalog"));
        }
      }
    }
  }

  private void namespacesExist(Catalog catalog, Map<String, List<KubeObject>> objects) {
    Set<String> namespaces = new HashSet<>();
    objects.values().stream()
        .flatMap(List::stream)
        .filter(o -> o.kind().equals("Namespace"))
        .forEach(o -> namespaces.add(o.name()));
    count("namespaces declared", namespaces.size());
    if (namespaces.isEmpty()) {
      problems.add(
          new Problem(
              root.resolve("kubernetes/base"), 0, "no Namespace objects found in the manifests"));
      return;
    }
    for (Component c : catalog.components()) {
      if (c.spec() instanceof ComponentSpec.Helm helm && !namespaces.contains(helm.namespace())) {
        problems.add(
            at(c, "namespace '" + helm.namespace() + "' is not created by kubernetes/base"));
      }
    }
    objects.values().stream()
        .flatMap(List::stream)
        .filter(o -> o.namespace() != null && !namespaces.contains(o.namespace()))
        .forEach(
            o ->
                problems.add(
                    o.node()
                        .problem(
                            o.describe()
                                + ": namespace '"
                                + o.namespace()
                                + "' is not created by kubernetes/base")));
  }

  private void networkPoliciesSelectWorkloads(
      Catalog catalog, Map<String, List<KubeObject>> objects) {
    List<Map.Entry<String, Map<String, String>>> workloads = new ArrayList<>();
    for (Component c : catalog.components()) {
      if (c.spec() instanceof ComponentSpec.Helm helm) {
        helm.podLabels().forEach(l -> workloads.add(Map.entry(helm.namespace(), l)));
      }
    }
    for (String top : WORKLOAD_ROOTS) {
      for (Path file : walk(root.resolve(top))) {
        Path dir = file.getParent();
        if (dir == null || !String.valueOf(file.getFileName()).equals("kustomization.yaml")) {
          continue;
        }
        try {
          for (KubeObject o : Kustomizations.objects(dir)) {
            o.podTemplateLabels()
                .ifPresent(l -> workloads.add(Map.entry(String.valueOf(o.namespace()), l)));
          }
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
        }
      }
    }
    count("workloads known", workloads.size());
    objects.values().stream()
        .flatMap(List::stream)
        .filter(o -> o.kind().equals("NetworkPolicy"))
        .forEach(
            policy -> {
              count("network policies", 1);
              Map<String, String> selector =
                  policy
                      .node()
                      .optional("spec")
                      .flatMap(s -> s.optional("podSelector"))
                      .flatMap(s -> s.optional("matchLabels"))
                      .map(YamlNode::textMap)
                      .orElse(Map.of());
              if (selector.isEmpty()) {
                return; // selects every pod of its namespace
              }
              boolean matches =
                  workloads.stream()
                      .anyMatch(
                          w ->
                              w.getKey().equals(policy.namespace())
                                  && w.getValue().entrySet().containsAll(selector.entrySet()));
              if (!matches) {
                problems.add(
                    policy
                        .node()
                        .problem(
                            policy.describe()
                                + ": podSelector "
                                + selector
                                + " matches no workload in namespace "
                                + policy.namespace()));
              }
            });
  }

  private static Problem at(Component c, String message) {
    return new Problem(
        c.source().file(), c.source().line(), "component '" + c.id() + "': " + message);
  }

  private static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> walk(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
