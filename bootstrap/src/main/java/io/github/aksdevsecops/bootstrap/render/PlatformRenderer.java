package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.adapters.Digests;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.execute.Inputs;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.StepSources;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.Waits;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a plan into plain YAML, offline: charts through Helm's template action with the same
 * archive and values files apply installs (see {@link StepSources}), manifests through kubectl
 * kustomize of the environment's kustomization. Same commit, same bytes.
 */
public final class PlatformRenderer {
  private final Path root;
  private final Platform platform;

  /** Chart renders by their exact inputs: environments sharing values share the render. */
  private static final RenderCache<String, String> TEMPLATES = new RenderCache<>(64);

  public PlatformRenderer(Path root, Platform platform) {
    this.root = root;
    this.platform = platform;
  }

  public PlatformRender render(Plan plan) throws InterruptedException {
    Environment env = plan.environment();
    List<RenderedStep> steps = new ArrayList<>();
    for (PlannedStep step : plan.steps()) {
      RenderedStep rendered = render(step, env);
      steps.add(rendered);
      steps.addAll(synced(rendered, env));
    }
    return new PlatformRender(env, steps);
  }

  /**
   * What Argo CD will sync once a step has delivered Applications: for each source of each
   * Application that is a kustomization of this repository (a {@code path}, no {@code chart},
   * inside the checkout), a step right after the delivering one, rendered with the same kubectl
   * kustomize as a manifests step. Sources elsewhere (a chart, another repository's path) are not
   * rendered.
   */
  private List<RenderedStep> synced(RenderedStep delivering, Environment env)
      throws InterruptedException {
    if (!delivering.yaml().contains("Application")) {
      return List.of();
    }
    List<RenderedStep> result = new ArrayList<>();
    Path base = root.toAbsolutePath().normalize();
    for (YamlNode doc :
        YamlFiles.parseRendered(Path.of(delivering.step().id()), delivering.yaml())) {
      if (!doc.isMapping()
          || !"Application".equals(doc.optionalText("kind").orElse(""))
          || !doc.optionalText("apiVersion").orElse("").startsWith("argoproj.io/")) {
        continue;
      }
      Map<String, Object> app = Plain.map(doc.toPlain());
      Map<String, Object> metadata = Plain.map(app.get("metadata"));
      Map<String, Object> spec = Plain.map(app.get("spec"));
      String name = String.valueOf(metadata.get("name"));
      String application = metadata.getOrDefault("namespace", "argocd") + "/" + name;
      String destination =
          String.valueOf(Plain.map(spec.get("destination")).getOrDefault("namespace", "default"));
      List<Object> sources = new ArrayList<>();
      if (spec.get("source") != null) {
        sources.add(spec.get("source"));
      }
      sources.addAll(Plain.list(spec.get("sources")));
      int index = 0;
      for (Object s : sources) {
        Map<String, Object> source = Plain.map(s);
        Object path = source.get("path");
        if (path == null || source.get("chart") != null) {
          continue;
        }
        Path dir = base.resolve(String.valueOf(path)).normalize();
        if (!dir.startsWith(base) || !Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
          continue; // ReferencesCheck reports a path that is no kustomization of this repository
        }
        String relative = base.relativize(dir).toString().replace('\\', '/');
        String id = "argocd-sync-" + name + (index++ == 0 ? "" : "-" + index);
        Component component =
            new Component(
                id,
                "what Argo CD syncs for Application " + application + " from " + relative,
                new ComponentSpec.Manifests(relative),
                Map.of(delivering.step().id(), "delivers Application " + application),
                Waits.NONE,
                delivering.step().component().source());
        PlannedStep step =
            new PlannedStep(
                component,
                delivering.step().layer() + 1,
                Map.of(delivering.step().id(), "delivers Application " + application));
        String yaml =
            StepSources.kustomize(platform.processes(), root, component, env, Inputs.Resolver.NONE);
        result.add(
            new RenderedStep(
                step,
                yaml,
                List.of(relative),
                Optional.of(new RenderedStep.ArgoSync(application, destination))));
      }
    }
    return result;
  }

  private RenderedStep render(PlannedStep step, Environment env) throws InterruptedException {
    ComponentSpec spec = step.component().spec();
    if (spec instanceof ComponentSpec.Helm helm) {
      List<Path> values = StepSources.helmValues(root, step.component(), env, Inputs.Resolver.NONE);
      List<String> sources = new ArrayList<>();
      sources.add("chart " + helm.chartReference());
      sources.add(helm.values());
      sources.addAll(helm.environmentValues(env));
      helm.fileValues().forEach(fv -> sources.add(fv.file()));
      try {
        HelmGateway.Template request =
            new HelmGateway.Template(
                platform.charts().archive(helm),
                helm.release(),
                helm.namespace(),
                StepSources.kubeVersion(env),
                values);
        String yaml = TEMPLATES.get(key(request), k -> platform.helm().template(request));
        return new RenderedStep(step, yaml, sources);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new RenderFailedException(
            root.resolve(helm.values()),
            "cannot render "
                + helm.chartReference()
                + " with "
                + helm.values()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (spec instanceof ComponentSpec.Manifests m) {
      return new RenderedStep(
          step,
          StepSources.kustomize(
              platform.processes(), root, step.component(), env, Inputs.Resolver.NONE),
          List.of(m.path(env)));
    }
    if (spec instanceof ComponentSpec.Terraform tf) {
      return new RenderedStep(step, "", List.of(tf.stack()));
    }
    if (spec instanceof ComponentSpec.Secrets secrets) {
      List<String> files = new ArrayList<>();
      for (ComponentSpec.GeneratedSecret g : secrets.secrets()) {
        g.keys().values().stream()
            .filter(k -> k instanceof ComponentSpec.KeySource.File)
            .map(k -> ((ComponentSpec.KeySource.File) k).path())
            .forEach(files::add);
      }
      return new RenderedStep(step, "", files);
    }
    return new RenderedStep(step, "", List.of());
  }

  /** The chart archive, release, namespace, Kubernetes version and the values files' bytes. */
  private static String key(HelmGateway.Template t) {
    StringBuilder key =
        new StringBuilder()
            .append(Digests.sha256(t.chartArchive()))
            .append('|')
            .append(t.release())
            .append('|')
            .append(t.namespace())
            .append('|')
            .append(t.kubeVersion());
    t.valuesFiles().forEach(v -> key.append('|').append(Digests.sha256(v)));
    return key.toString();
  }
}
