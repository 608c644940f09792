package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory Helm: releases by namespace/name, every install recorded, failures on demand. */
final class FakeHelm implements HelmGateway {
  final Map<String, Release> releases = new ConcurrentHashMap<>();

  /** The values each release was installed with, as Helm would report them (JSON is YAML). */
  final Map<String, String> values = new ConcurrentHashMap<>();

  final List<Install> installs = Collections.synchronizedList(new ArrayList<>());
  final List<String> uninstalls = Collections.synchronizedList(new ArrayList<>());
  volatile String failRelease;

  @Override
  public Optional<Release> status(ClusterSession session, String namespace, String release) {
    return Optional.ofNullable(releases.get(namespace + "/" + release));
  }

  @Override
  public String values(ClusterSession session, String namespace, String release) {
    return values.getOrDefault(namespace + "/" + release, "");
  }

  @Override
  public Release upgradeInstall(ClusterSession session, Install install) {
    installs.add(install);
    if (install.release().equals(failRelease)) {
      throw new StepFailedException(
          "helm upgrade --install " + install.release() + " failed: rolled back (atomic)");
    }
    Release previous = releases.get(install.namespace() + "/" + install.release());
    int revision = previous == null ? 1 : Integer.parseInt(previous.revision()) + 1;
    Release r =
        new Release(
            install.release(),
            install.namespace(),
            install.chart() + "-" + install.version(),
            "deployed",
            String.valueOf(revision));
    releases.put(install.namespace() + "/" + install.release(), r);
    values.put(
        install.namespace() + "/" + install.release(),
        io.github.aksdevsecops.bootstrap.json.Json.write(
            ReleaseValues.merged(install.valuesFiles())));
    return r;
  }

  @Override
  public void uninstall(ClusterSession session, String namespace, String release) {
    uninstalls.add(namespace + "/" + release);
    releases.remove(namespace + "/" + release);
    values.remove(namespace + "/" + release);
  }

  final List<String> discarded = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void discardPending(
      ClusterSession session, String namespace, String release, String revision) {
    discarded.add(namespace + "/" + release + "@" + revision);
    Release r = releases.get(namespace + "/" + release);
    if (r != null && r.revision().equals(revision)) {
      int previous = Integer.parseInt(revision) - 1;
      releases.put(
          namespace + "/" + release,
          new Release(release, namespace, r.chart(), "deployed", String.valueOf(previous)));
    }
  }

  /** What {@link #template} renders; empty by default (a chart without CRDs). */
  volatile String rendered = "";

  @Override
  public String template(Template template) {
    return rendered;
  }
}
