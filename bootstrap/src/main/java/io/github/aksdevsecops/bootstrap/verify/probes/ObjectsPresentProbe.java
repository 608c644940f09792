package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.aksdevsecops.bootstrap.verify.ClusterFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every object the environment's manifests steps apply exists in the cluster, and every chart
 * step's Helm release is deployed (its newest release record has status {@code deployed}).
 */
public final class ObjectsPresentProbe implements Probe.Check {
  /** How many missing objects the evidence names before it only counts them. */
  static final int NAMED = 20;

  @Override
  public ProbeResult run(ProbeContext ctx) {
    ClusterFacts cluster = ctx.facts().cluster();
    List<String> missing = new ArrayList<>();
    for (ClusterFacts.ExpectedObject o : cluster.objects()) {
      if (!exists(ctx.client(), o)) {
        missing.add(o.describe());
      }
    }
    for (ClusterFacts.Release r : cluster.releases()) {
      if (!deployed(ctx.client(), r)) {
        missing.add("Helm release " + r.namespace() + "/" + r.name() + " (" + r.component() + ")");
      }
    }
    List<String> evidence = new ArrayList<>();
    missing.stream().limit(NAMED).forEach(m -> evidence.add("missing: " + m));
    if (missing.size() > NAMED) {
      evidence.add("and " + (missing.size() - NAMED) + " more missing");
    }
    evidence.add(
        cluster.objects().size()
            + " objects of the manifests steps and "
            + cluster.releases().size()
            + " Helm releases expected, "
            + missing.size()
            + " missing");
    return ProbeResult.of(missing.isEmpty(), evidence);
  }

  private static boolean exists(KubernetesClient client, ClusterFacts.ExpectedObject o) {
    try {
      var resources = client.genericKubernetesResources(o.apiVersion(), o.kind());
      GenericKubernetesResource found =
          o.namespace().isPresent()
              ? resources.inNamespace(o.namespace().get()).withName(o.name()).get()
              : resources.withName(o.name()).get();
      return found != null;
    } catch (KubernetesClientException e) {
      return false; // the kind is not served at all: the object cannot be there
    }
  }

  private static boolean deployed(KubernetesClient client, ClusterFacts.Release r) {
    return !client
        .secrets()
        .inNamespace(r.namespace())
        .withLabels(Map.of("owner", "helm", "name", r.name(), "status", "deployed"))
        .list()
        .getItems()
        .isEmpty();
  }
}
