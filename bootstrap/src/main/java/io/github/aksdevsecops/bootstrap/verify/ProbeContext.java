package io.github.aksdevsecops.bootstrap.verify;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What a probe works with: the cluster, the repository's facts, the sandbox and the timing. */
@SuppressFBWarnings(
    value = "EI_EXPOSE_REP",
    justification = "shared services of one run, handed to each probe")
public record ProbeContext(
    KubernetesClient client, PlatformFacts facts, Sandbox sandbox, Timing timing) {

  public ServiceProxy proxy() {
    return new ServiceProxy(client);
  }

  /** curl in the plain probe Pod (outside the mesh). */
  public Curl curl() throws InterruptedException {
    return new Curl(sandbox.probe());
  }

  /** curl in the probe Pod that has an Istio sidecar. */
  public Curl meshedCurl() throws InterruptedException {
    return new Curl(sandbox.meshed());
  }

  /** The service's facts; probes that declare {@link Needs#service()} can rely on them. */
  public PlatformFacts.Service service() {
    return facts.service().orElseThrow(() -> new IllegalStateException("no service delivered"));
  }

  public PlatformFacts.Ingress ingress() {
    return service()
        .ingress()
        .orElseThrow(() -> new IllegalStateException("the service has no Ingress"));
  }
}
