package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.aksdevsecops.bootstrap.verify.MockApi;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.RepoFacts;
import org.junit.jupiter.api.BeforeEach;

/**
 * The mock API and the facts of this repository's staging environment (the service delivered, its
 * ingress, Falco on), for the probe tests; subclasses carry @EnableKubernetesMockClient.
 */
abstract class ProbeTestBase {
  KubernetesMockServer server;
  KubernetesClient client;
  MockApi api;
  final PlatformFacts staging = RepoFacts.of("staging");

  @BeforeEach
  void mockApi() {
    api = new MockApi(server, client);
  }

  ProbeResult run(String id) throws InterruptedException {
    return run(id, staging);
  }

  /** Runs probe {@code id} on staging and asserts it PASSes, showing the evidence otherwise. */
  ProbeResult passes(String id) throws InterruptedException {
    ProbeResult result = run(id);
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    return result;
  }

  /** Runs probe {@code id} on staging and asserts it FAILs. */
  ProbeResult fails(String id) throws InterruptedException {
    ProbeResult result = run(id);
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    return result;
  }

  ProbeResult run(String id, PlatformFacts facts) throws InterruptedException {
    return probe(id).check().run(api.context(facts));
  }

  static Probe probe(String id) {
    return Probes.standard().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  PlatformFacts.Service service() {
    return staging.service().orElseThrow();
  }

  PlatformFacts.Ingress ingress() {
    return service().ingress().orElseThrow();
  }

  /** {@code facts} with some components switched off. */
  static PlatformFacts without(PlatformFacts facts, String... components) {
    java.util.Set<String> on = new java.util.HashSet<>(facts.components());
    java.util.List.of(components).forEach(on::remove);
    return new PlatformFacts(
        facts.environment(),
        facts.manifests(),
        on,
        facts.policies(),
        facts.restrictedNamespaces(),
        facts.monitoring(),
        facts.service(),
        facts.falco(),
        facts.gitops(),
        facts.cluster());
  }

  /** An HTTP response as curl -i prints it. */
  static String http(int status, String headers, String body) {
    return "HTTP/1.1 " + status + " X\r\n" + headers + "\r\n" + body;
  }
}
