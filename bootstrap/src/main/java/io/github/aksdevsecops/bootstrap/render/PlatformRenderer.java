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
   * What Argo CD will sync once a step has delivered Applications: for each of their sources that
   * is a kustomization of this repository ({@link ArgoSyncs}), a step right after the delivering
   * one, rendered with the same kubectl kustomize as a manifests step. It is no step of the plan.
   */
  private List<RenderedStep> synced(RenderedStep delivering, Environment env)
      throws InterruptedException {
    if (!delivering.yaml().contains("Application")) {
      return List.of();
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (YamlNode doc :
        YamlFiles.parseRendered(Path.of(delivering.step().id()), delivering.yaml())) {
      if (doc.isMapping()) {
        objects.add(Plain.map(doc.toPlain()));
      }
    }
    List<RenderedStep> result = new ArrayList<>();
    for (ArgoSyncs.Sync sync : ArgoSyncs.of(root, objects)) {
      String why = "delivers Application " + sync.application();
      Component component =
          new Component(
              sync.id(),
              "what Argo CD syncs for Application " + sync.application() + " from " + sync.path(),
              new ComponentSpec.Manifests(sync.path()),
              Map.of(delivering.step().id(), why),
              Waits.NONE,
              delivering.step().component().source());
      PlannedStep step =
          new PlannedStep(
              component, delivering.step().layer() + 1, Map.of(delivering.step().id(), why));
      String yaml =
          StepSources.kustomize(platform.processes(), root, component, env, Inputs.Resolver.NONE);
      result.add(
          new RenderedStep(
              step,
              yaml,
              List.of(sync.path()),
              Optional.of(
                  new RenderedStep.ArgoSync(sync.application(), sync.destinationNamespace()))));
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
