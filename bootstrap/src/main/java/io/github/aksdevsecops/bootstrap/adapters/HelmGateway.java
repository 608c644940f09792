package io.github.aksdevsecops.bootstrap.adapters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Helm operations the tool needs; the real one is helm-java, tests use a recording fake. */
public interface HelmGateway {
  /** A deployed release: chart is {@code name-version} as Helm reports it. */
  record Release(String name, String namespace, String chart, String status, String revision) {}

  /** An atomic, waiting upgrade --install of a pinned chart archive. */
  record Install(
      Path chartArchive,
      String chart,
      String version,
      String release,
      String namespace,
      List<Path> valuesFiles,
      Duration timeout) {
    public Install {
      valuesFiles = List.copyOf(valuesFiles);
    }
  }

  /**
   * What {@link #template} renders: the same archive and values an install would use, for the
   * Kubernetes version of the environment.
   */
  record Template(
      Path chartArchive,
      String release,
      String namespace,
      String kubeVersion,
      List<Path> valuesFiles) {
    public Template {
      valuesFiles = List.copyOf(valuesFiles);
    }
  }

  Optional<Release> status(ClusterSession session, String namespace, String release);

  /** The user-supplied values of a deployed release, as Helm keeps them in the cluster (YAML). */
  String values(ClusterSession session, String namespace, String release);

  Release upgradeInstall(ClusterSession session, Install install);

  void uninstall(ClusterSession session, String namespace, String release);

  /**
   * Forgets a revision an interrupted operation left {@code pending-*} (Helm's storage record of
   * it), so the newest revision before it is the release again and an upgrade can run. Refuses a
   * record Helm does not mark as its own pending revision.
   */
  void discardPending(ClusterSession session, String namespace, String release, String revision);

  /**
   * Offline, everything an install sends: the CRDs of the chart's (and enabled subcharts') {@code
   * crds/} folders, the templates, and the install/upgrade hooks (test hooks excluded), as one
   * multi-document YAML text. The CRDs of a {@code crds/} folder come from a template of this name
   * in the chart's (or subchart's) {@code templates/}, which their {@code # Source:} comment names.
   */
  String template(Template template);

  /** The template {@link #template} emits a chart's {@code crds/} folder from. */
  String CRDS_FOLDER_TEMPLATE = "zz-bootstrap-crds.yaml";
}
