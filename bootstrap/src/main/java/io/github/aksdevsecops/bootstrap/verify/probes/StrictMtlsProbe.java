package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.aksdevsecops.bootstrap.verify.HttpReply;
import io.github.aksdevsecops.bootstrap.verify.PodShell;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A plaintext request from a Pod outside the mesh to a meshed Pod is refused: the sandbox's meshed
 * Pod (sidecar injected, answering HTTP on 8080) falls under the mesh-wide STRICT
 * PeerAuthentication like every meshed workload, and has no NetworkPolicy in front that could stop
 * the request first.
 */
public final class StrictMtlsProbe implements Probe.Check {
  static final String SIDECAR = "istio-proxy";

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    PodShell meshed = ctx.sandbox().meshed();
    Pod pod = ctx.client().pods().inNamespace(meshed.namespace()).withName(meshed.pod()).get();
    List<String> names = new ArrayList<>();
    pod.getSpec().getContainers().stream().map(Container::getName).forEach(names::add);
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().stream().map(Container::getName).forEach(names::add);
    }
    if (!names.contains(SIDECAR)) {
      return ProbeResult.fail(
          "no sidecar was injected into " + meshed.pod() + " (containers " + names + ")");
    }
    String url = "http://" + pod.getStatus().getPodIP() + ":8080/";
    HttpReply reply = ctx.curl().get(url);
    boolean refused = reply.closedWithoutAnswer();
    return ProbeResult.of(
        refused,
        List.of(
            "plaintext GET "
                + url
                + " ("
                + meshed.pod()
                + ", with "
                + SIDECAR
                + ") from outside the mesh: "
                + (refused ? "refused, " : reply.answered() ? "ACCEPTED, " : "inconclusive, ")
                + reply.describe()));
  }
}
