package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.adapters.Digests;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.execute.Inputs;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.execute.StepSources;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
      steps.add(render(step, env));
    }
    return new PlatformRender(env, steps);
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
