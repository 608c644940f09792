package io.github.aksdevsecops.bootstrap.adapters;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Helm through helm-java (Helm's Go library in-process). Charts are installed from the verified
 * local archive a {@link ChartSource} provides. The kubeconfig is passed as contents, so AKS
 * credentials never touch the disk; on kind the current context's kubeconfig file is used.
 */
public final class HelmJavaGateway implements HelmGateway {

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
  public String values(ClusterSession session, String namespace, String release) {
    var values = Helm.get(release).values().withNamespace(namespace);
    session.kubeconfig().ifPresent(k -> values.withKubeConfigContents(k.reveal()));
    return values.call();
  }

  @Override
  public HelmGateway.Release upgradeInstall(ClusterSession session, Install install) {
    UpgradeCommand upgrade =
        new Helm(install.chartArchive())
            .upgrade()
            .install()
            .atomic()
            .waitReady()
            .withTimeout((int) install.timeout().toSeconds())
            .withName(install.release())
            .withNamespace(install.namespace());
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

  @Override
  public void discardPending(
      ClusterSession session, String namespace, String release, String revision) {
    String name = "sh.helm.release.v1." + release + ".v" + revision;
    var record = session.client().secrets().inNamespace(namespace).withName(name);
    var found = record.get();
    if (found == null) {
      return;
    }
    Map<String, String> labels =
        found.getMetadata().getLabels() == null ? Map.of() : found.getMetadata().getLabels();
    if (!"helm".equals(labels.get("owner"))
        || !labels.getOrDefault("status", "").startsWith("pending-")) {
      throw new IllegalStateException(
          "Secret "
              + namespace
              + "/"
              + name
              + " is not a pending Helm revision (labels "
              + labels
              + "); left alone");
    }
    record.delete();
  }

  @Override
  public String template(Template request) {
    Path work = null;
    try {
      work = Files.createTempDirectory("bootstrap-chart-");
      Path chart = ChartArchive.unpack(request.chartArchive(), work);
      RenderableChart.prepare(chart);
      TemplateCommand template =
          new Helm(chart)
              .template()
              .withName(request.release())
              .withNamespace(request.namespace())
              .withKubeVersion(request.kubeVersion());
      for (Path values : request.valuesFiles()) {
        template.withValuesFile(RenderableChart.values(values, work));
      }
      return RenderableChart.restore(template.call());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + request.chartArchive(), e);
    } finally {
      delete(work);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static HelmGateway.Release convert(com.marcnuri.helm.Release r) {
    return new HelmGateway.Release(
        r.getName(), r.getNamespace(), r.getChart(), r.getStatus(), r.getRevision());
  }
}
