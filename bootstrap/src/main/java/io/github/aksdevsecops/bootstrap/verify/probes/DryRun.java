package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.aksdevsecops.bootstrap.verify.Sandbox;
import java.util.Optional;

/**
 * A server-side dry run of a Pod create: it passes admission (Pod Security, every webhook) as a
 * real create would and stores nothing, so it proves a rule without leaving a Pod behind.
 */
final class DryRun {
  private DryRun() {}

  /** The API server's refusal, or empty when the Pod would have been admitted. */
  static Optional<String> denial(KubernetesClient client, Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).dryRun().create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(Sandbox.message(e));
    }
  }
}
