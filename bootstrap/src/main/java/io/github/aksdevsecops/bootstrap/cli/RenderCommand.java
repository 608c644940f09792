package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.render.PlatformRender;
import io.github.aksdevsecops.bootstrap.render.PlatformRenderer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Offline: writes the complete platform of an environment as plain YAML, exactly what"
            + " apply would send: one file per plan step, in plan order (charts rendered with their"
            + " pinned version and the catalog's values, CRDs and hooks included; kustomizations"
            + " with the environment's overlays). The same commit renders the same bytes. Several"
            + " environments (--env staging,production,kind) render in one process, each into"
            + " DIR/ENV, sharing the chart renders their values have in common.")
final class RenderCommand extends BaseCommand {
  @Option(
      names = "--env",
      required = true,
      split = ",",
      paramLabel = "ENV",
      description = "Environment name; several separated by commas.")
  List<String> envs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory for the files (created; an earlier render in it is replaced).")
  Path out;

  @Mixin ChartOptions charts;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Path root = checkout(workspace, "render needs a repository checkout (use --repo DIR)");
    List<Environment> environments = envs.stream().distinct().map(workspace::environment).toList();
    Platform platform =
        Platform.offline(
            root,
            charts.mirror(factory.services().workingDirectory(), factory.services().environment()));
    PlatformRenderer renderer = new PlatformRenderer(root, platform);
    Path target = factory.services().workingDirectory().resolve(out);
    for (Environment environment : environments) {
      PlatformRender.checkOutput(
          environments.size() == 1 ? target : target.resolve(environment.name()));
    }
    for (Environment environment : environments) {
      PlatformRender render = renderer.render(Planner.plan(workspace.catalog(), environment));
      Path dir = environments.size() == 1 ? target : target.resolve(environment.name());
      render.write(dir);
      long synced = render.steps().stream().filter(s -> s.argoSynced()).count();
      print(
          "rendered "
              + (render.steps().size() - synced)
              + " steps of environment "
              + environment.name()
              + (synced == 0 ? "" : " and " + synced + " that Argo CD syncs")
              + " into "
              + dir
              + "\n");
    }
    return ExitCodes.OK;
  }
}
