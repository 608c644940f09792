package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.render.PlatformRender;
import io.github.aksdevsecops.bootstrap.render.PlatformRenderer;
import io.github.aksdevsecops.bootstrap.render.RenderFailedException;
import io.github.aksdevsecops.bootstrap.render.RenderedObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Offline validation of a checkout: reads it once into a {@link Snapshot} and runs each check over
 * it; then, given a platform to render with, renders every environment and runs the whole-platform
 * checks over each render. The report counts what was looked at and lists every problem with
 * file:line (a problem found in several environments is reported once, naming them all).
 */
public final class RepoValidator {
  private final Path root;
  private final List<Check> checks;
  private final List<PlatformCheck> platformChecks;
  private final Optional<Platform> platform;

  RepoValidator(
      Path root,
      List<Check> checks,
      List<PlatformCheck> platformChecks,
      Optional<Platform> platform) {
    this.root = root.toAbsolutePath().normalize();
    this.checks = List.copyOf(checks);
    this.platformChecks = List.copyOf(platformChecks);
    this.platform = platform;
  }

  /** The checks of `bootstrap validate`; with a platform, the whole-platform checks too. */
  public static RepoValidator standard(Path root, Optional<Platform> platform) {
    return new RepoValidator(
        root,
        List.of(
            new PlansCheck(),
            new CatalogFilesCheck(),
            new ValuesFilesUsedCheck(),
            new NamespacesExistCheck(),
            new NetworkPolicySelectorsCheck(),
            new TerraformContract(),
            new InputsCheck(),
            new ForkSettingsCheck()),
        List.of(
            new AdmissionCheck(),
            new CustomResourceSchemaCheck(),
            new CustomResourceOrderCheck(),
            new MeshInjectionCheck(),
            new PlaceholderCheck(),
            new ReferencesCheck(),
            new NetworkCheck(),
            new CapacityCheck(),
            new TelemetryCheck(),
            new AlertTargetsCheck()),
        platform);
  }

  public ValidationReport validate() throws InterruptedException {
    Snapshot snapshot = Snapshot.read(root);
    List<Problem> problems = new ArrayList<>(snapshot.readProblems());
    Map<String, Integer> counts = counts(snapshot);
    if (snapshot.catalog().isPresent()) {
      for (Check check : checks) {
        problems.addAll(check.check(snapshot));
      }
      if (platform.isPresent() && problems.isEmpty()) {
        problems.addAll(platformProblems(snapshot, counts));
      }
    }
    return new ValidationReport(counts, Problems.mergedAcrossEnvironments(problems));
  }

  private List<Problem> platformProblems(Snapshot snapshot, Map<String, Integer> counts)
      throws InterruptedException {
    List<Problem> problems = new ArrayList<>();
    PlatformRenderer renderer = new PlatformRenderer(root, platform.orElseThrow());
    for (Environment env : snapshot.environments()) {
      Plan plan = Planner.plan(snapshot.catalog().orElseThrow(), env);
      PlatformRender render;
      try {
        render = renderer.render(plan);
      } catch (RenderFailedException e) {
        problems.add(new Problem(e.values(), 0, "[" + env.name() + "] " + e.getMessage()));
        continue;
      } catch (StepFailedException | InvalidInputException e) {
        problems.add(new Problem(env.file(), 0, "[" + env.name() + "] " + e.getMessage()));
        continue;
      }
      RenderedEnvironment rendered =
          new RenderedEnvironment(env, render, RenderedObjects.of(root, render));
      counts.merge("rendered environments", 1, Integer::sum);
      counts.merge("rendered objects", rendered.objects().size(), Integer::sum);
      for (PlatformCheck check : platformChecks) {
        problems.addAll(check.check(snapshot, rendered));
      }
    }
    return problems;
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
