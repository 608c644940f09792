package io.github.aksdevsecops.bootstrap.adapters;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.UpgradeCommand;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Helm through helm-java (Helm's Go library in-process). The kubeconfig is passed as contents, so
 * AKS credentials never touch the disk; on kind the current context's kubeconfig file is used.
 */
public final class HelmJavaGateway implements HelmGateway {
  private final Path repositoryConfig;

  public HelmJavaGateway(Path repositoryConfig) {
    this.repositoryConfig = repositoryConfig;
  }

  @Override
  public Optional<HelmGateway.Release> status(
      ClusterSession session, String namespace, String release) {
    var list = Helm.list().all().withNamespace(namespace);
    session.kubeconfig().ifPresent(k -> list.withKubeConfigContents(k.reveal()));
    return list.call().stream()
        .filter(r -> r.getName().equals(release))
        .findFirst()
        .map(HelmJavaGateway::convert);
  }

  @Override
  public HelmGateway.Release upgradeInstall(ClusterSession session, Install install) {
    Helm.repo()
        .add()
        .withRepositoryConfig(repositoryConfig)
        .withName(install.repositoryName())
        .withUrl(URI.create(install.repositoryUrl()))
        .call();
    UpgradeCommand upgrade =
        Helm.upgrade(install.repositoryName() + "/" + install.chart())
            .withRepositoryConfig(repositoryConfig)
            .install()
            .atomic()
            .waitReady()
            .withTimeout((int) install.timeout().toSeconds())
            .withName(install.release())
            .withNamespace(install.namespace())
            .withVersion(install.version());
    install.valuesFiles().forEach(upgrade::withValuesFile);
    session.kubeconfig().ifPresent(k -> upgrade.withKubeConfigContents(k.reveal()));
    return convert(upgrade.call());
  }

  @Override
  public void uninstall(ClusterSession session, String namespace, String release) {
    var uninstall = Helm.uninstall(release).withNamespace(namespace).ignoreNotFound();
    session.kubeconfig().ifPresent(k -> uninstall.withKubeConfigContents(k.reveal()));
    uninstall.call();
  }

  private static HelmGateway.Release convert(com.marcnuri.helm.Release r) {
    return new HelmGateway.Release(
        r.getName(), r.getNamespace(), r.getChart(), r.getStatus(), r.getRevision());
  }
}
