package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Kustomizations;
import io.github.aksdevsecops.bootstrap.assets.Workload;
import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository as validate sees it, parsed once: catalog, environments, the objects of every
 * manifests component and of every other kustomization, and the workloads (pod labels) they and the
 * catalog's charts declare. Problems met while reading are kept, and the checks run over what could
 * be read.
 */
public record Snapshot(
    Path root,
    Optional<Catalog> catalog,
    List<Environment> environments,
    Map<String, List<KubeObject>> componentObjects,
    List<KubeObject> allObjects,
    List<Workload> workloads,
    List<Problem> readProblems) {

  public Snapshot {
    environments = List.copyOf(environments);
    componentObjects = Map.copyOf(componentObjects);
    allObjects = List.copyOf(allObjects);
    workloads = List.copyOf(workloads);
    readProblems = List.copyOf(readProblems);
  }

  static final List<String> KUSTOMIZATION_ROOTS = List.of("kubernetes", "observability", "app");

  public static Snapshot read(Path root) {
    List<Problem> problems = new ArrayList<>();
    Optional<Catalog> catalog = Optional.empty();
    try {
      catalog = Optional.of(CatalogReader.read(root.resolve(Workspace.CATALOG)));
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    List<Environment> environments = environments(root, problems);
    Map<String, List<KubeObject>> byComponent = new LinkedHashMap<>();
    List<Workload> workloads = new ArrayList<>();
    for (Component c : catalog.map(Catalog::components).orElse(List.of())) {
      if (c.spec() instanceof ComponentSpec.Manifests m) {
        objects(root, root.resolve(m.path()), problems)
            .ifPresent(objects -> byComponent.put(c.id(), objects));
      } else if (c.spec() instanceof ComponentSpec.Helm helm) {
        helm.podLabels()
            .forEach(
                l ->
                    workloads.add(
                        new Workload(helm.namespace(), l, "chart " + helm.chartReference())));
      }
    }
    List<KubeObject> all = new ArrayList<>();
    for (Path kustomization : RepoFiles.named(root, KUSTOMIZATION_ROOTS, "kustomization.yaml")) {
      objects(root, kustomization.getParent(), problems).ifPresent(all::addAll);
    }
    for (KubeObject o : all) {
      o.podTemplateLabels()
          .ifPresent(
              l -> workloads.add(new Workload(String.valueOf(o.namespace()), l, o.describe())));
    }
    return new Snapshot(root, catalog, environments, byComponent, all, workloads, problems);
  }

  private static List<Environment> environments(Path root, List<Problem> problems) {
    Path dir = root.resolve(Workspace.ENVIRONMENTS);
    List<Environment> result = new ArrayList<>();
    for (Path file : RepoFiles.list(dir, ".yaml")) {
      try {
        result.add(EnvironmentReader.read(file));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (result.isEmpty() && !Files.isDirectory(dir)) {
      problems.add(new Problem(dir, 0, "no environment files"));
    }
    return result;
  }

  private static Optional<List<KubeObject>> objects(Path root, Path dir, List<Problem> problems) {
    if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
      return Optional.empty(); // the catalog files check names the missing kustomization
    }
    try {
      return Optional.of(Kustomizations.objects(root, dir));
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  /** Objects of the catalog's manifests components. */
  public List<KubeObject> deployedObjects() {
    return componentObjects.values().stream().flatMap(List::stream).toList();
  }
}
