package io.github.aksdevsecops.bootstrap.execute;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.adapters.AzureArmGateway;
import io.github.aksdevsecops.bootstrap.adapters.AzureGateway;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.adapters.HelmJavaGateway;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.adapters.ManifestApplier;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Path;

/** The adapters to the outside world a run uses; tests build one from fakes and the CRUD mock. */
@SuppressFBWarnings(
    value = "EI_EXPOSE_REP",
    justification = "the adapters are shared services handed to executors, not state to copy")
public record Platform(
    ProcessRunner processes,
    AzureGateway azure,
    KubeGateway kube,
    HelmGateway helm,
    ManifestApplier applier) {

  /** The real adapters: PATH tools, Azure SDK (ARM), fabric8 with server-side apply, helm-java. */
  public static Platform real(Environment env, Path root) {
    ProcessRunner runner = ProcessRunner.fromSystem();
    return new Platform(
        runner,
        AzureArmGateway.fromEnvironment(System::getenv),
        KubeGateway.fabric8(),
        new HelmJavaGateway(root.resolve(".bootstrap").resolve("helm-repositories.yaml")),
        ManifestApplier.SERVER_SIDE);
  }
}
