package io.github.aksdevsecops.bootstrap.execute;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.adapters.AzureArmGateway;
import io.github.aksdevsecops.bootstrap.adapters.AzureGateway;
import io.github.aksdevsecops.bootstrap.adapters.ChartMirror;
import io.github.aksdevsecops.bootstrap.adapters.ChartRepositories;
import io.github.aksdevsecops.bootstrap.adapters.ChartSource;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.adapters.HelmJavaGateway;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.adapters.ManifestApplier;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Path;

/**
 * The adapters to the outside world a run uses; tests build one from fakes and the CRUD mock.
 * {@code charts} is where chart archives come from (a mirror or the chart repositories).
 */
@SuppressFBWarnings(
    value = "EI_EXPOSE_REP",
    justification = "the adapters are shared services handed to executors, not state to copy")
public record Platform(
    ProcessRunner processes,
    AzureGateway azure,
    KubeGateway kube,
    HelmGateway helm,
    ManifestApplier applier,
    ChartSource charts) {

  public Platform(
      ProcessRunner processes,
      AzureGateway azure,
      KubeGateway kube,
      HelmGateway helm,
      ManifestApplier applier) {
    this(processes, azure, kube, helm, applier, null);
  }

  /** The same adapters, with charts from {@code source}. */
  public Platform withCharts(ChartSource source) {
    return new Platform(processes, azure, kube, helm, applier, source);
  }

  /** The real adapters: PATH tools, Azure SDK (ARM), fabric8 with server-side apply, helm-java. */
  public static Platform real(Environment env, Path root) {
    return new Platform(
        ProcessRunner.fromSystem(),
        AzureArmGateway.fromEnvironment(System::getenv),
        KubeGateway.fabric8(),
        new HelmJavaGateway(),
        ManifestApplier.SERVER_SIDE,
        repositories(root));
  }

  /** The same adapters, with charts from a mirror directory of archives. */
  public Platform withMirror(Path mirror) {
    return withCharts(new ChartMirror(mirror));
  }

  /**
   * What render needs: tools on PATH, helm-java for templates, charts from the mirror if one is
   * given, else from the chart repositories (cached in the checkout).
   */
  public static Platform offline(Path root, java.util.Optional<Path> mirror) {
    Platform platform =
        new Platform(
            ProcessRunner.fromSystem(),
            null,
            null,
            new HelmJavaGateway(),
            null,
            repositories(root));
    return mirror.map(platform::withMirror).orElse(platform);
  }

  /** The chart repositories, with downloads cached in the checkout's .bootstrap/charts. */
  public static ChartSource repositories(Path root) {
    return new ChartRepositories(root.resolve(".bootstrap").resolve("charts"));
  }
}
