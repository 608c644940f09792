package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offline validation of a checkout: reads it once into a {@link Snapshot}, then runs each check
 * over it. The report counts what was looked at and lists every problem with file:line.
 */
public final class RepoValidator {
  private final Path root;
  private final List<Check> checks;

  RepoValidator(Path root, List<Check> checks) {
    this.root = root.toAbsolutePath().normalize();
    this.checks = List.copyOf(checks);
  }

  /** The checks of `bootstrap validate`. */
  public static RepoValidator standard(Path root) {
    return new RepoValidator(
        root,
        List.of(
            new PlansCheck(),
            new CatalogFilesCheck(),
            new ValuesFilesUsedCheck(),
            new NamespacesExistCheck(),
            new NetworkPolicySelectorsCheck(),
            new TerraformContract()));
  }

  public ValidationReport validate() {
    Snapshot snapshot = Snapshot.read(root);
    List<Problem> problems = new ArrayList<>(snapshot.readProblems());
    if (snapshot.catalog().isPresent()) {
      for (Check check : checks) {
        problems.addAll(check.check(snapshot));
      }
    }
    return new ValidationReport(counts(snapshot), problems);
  }

  private static Map<String, Integer> counts(Snapshot s) {
    Map<String, Integer> checked = new TreeMap<>();
    s.catalog()
        .ifPresent(
            c -> {
              checked.put("catalog components", c.components().size());
              for (var component : c.components()) {
                String what =
                    switch (component.spec().kind()) {
                      case "terraform" -> "terraform stacks";
                      case "helm" -> "helm values files";
                      default -> null;
                    };
                if (what != null) {
                  checked.merge(what, 1, Integer::sum);
                }
                if (component.spec() instanceof ComponentSpec.Manifests) {
                  checked.merge("manifest components", 1, Integer::sum);
                }
              }
            });
    List<KubeObject> deployed = s.deployedObjects();
    checked.put("environments", s.environments().size());
    checked.put("manifest objects", deployed.size());
    checked.put("workloads known", s.workloads().size());
    checked.put(
        "namespaces declared",
        (int) deployed.stream().filter(o -> o.kind().equals("Namespace")).count());
    checked.put(
        "network policies",
        (int) deployed.stream().filter(o -> o.kind().equals("NetworkPolicy")).count());
    return checked;
  }
}
