package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.aksdevsecops.bootstrap.verify.MockApi;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.RepoFacts;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admission probe against the API server answering as Kyverno does: PASS only when the
 * violating Pod is refused naming the probe's policy and rule and the compliant Pod is admitted.
 * Production's manifests enforce every policy, so its facts are used.
 */
@EnableKubernetesMockClient
class AdmissionProbeTest {
  KubernetesMockServer server;
  KubernetesClient client;
  MockApi api;
  PlatformFacts production = RepoFacts.of("production");

  @BeforeEach
  void setUp() {
    api = new MockApi(server, client);
  }

  static Stream<Probe> admissionProbes() {
    return Probes.standard().stream().filter(p -> p.check() instanceof AdmissionProbe);
  }

  static AdmissionProbe check(Probe probe) {
    return (AdmissionProbe) probe.check();
  }

  @ParameterizedTest
  @MethodSource("admissionProbes")
  void passesWhenTheViolationIsRefusedByItsPolicyAndTheCompliantPodAdmitted(Probe probe)
      throws Exception {
    AdmissionProbe a = check(probe);
    api.refuses(MockApi.NS, 400, MockApi.kyvernoDenial("verify-" + a.rule(), a.policy(), a.rule()));
    api.admits(MockApi.NS);
    ProbeResult result = probe.check().run(api.context(production));
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(0)).startsWith("refused a Pod that").contains(a.policy());
    assertThat(result.evidence().get(1)).startsWith("admitted the compliant Pod");
    List<String> creates =
        api.requests().stream()
            .filter(r -> r.startsWith("POST /api/v1/namespaces/verify"))
            .toList();
    assertThat(creates).allMatch(r -> r.endsWith("?dryRun=All")).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("admissionProbes")
  void failsWhenTheViolatingPodIsAdmitted(Probe probe) throws Exception {
    api.admits(MockApi.NS);
    api.admits(MockApi.NS);
    ProbeResult result = probe.check().run(api.context(production));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(0)).startsWith("ADMITTED a Pod that");
  }

  @Test
  void failsWhenAnotherPolicyRefusedInstead() throws Exception {
    api.refuses(
        MockApi.NS,
        400,
        MockApi.kyvernoDenial(
            "verify-environment-acr-only", "require-image-digest", "require-digest"));
    api.admits(MockApi.NS);
    Probe registry = byId("admission.registry");
    ProbeResult result = registry.check().run(api.context(production));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(0))
        .startsWith("refused, but not by restrict-image-registries/environment-acr-only");
  }

  @Test
  void failsWhenTheCompliantPodIsRefusedToo() throws Exception {
    Probe digest = byId("admission.image-digest");
    api.refuses(
        MockApi.NS, 400, MockApi.kyvernoDenial("p", "require-image-digest", "require-digest"));
    api.refuses(MockApi.NS, 400, "admission webhook denied the request: registry");
    ProbeResult result = digest.check().run(api.context(production));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(1)).startsWith("REFUSED the compliant Pod too");
  }

  @Test
  void skipsThePolicyAnEnvironmentOnlyAudits() throws Exception {
    ProbeResult result =
        byId("admission.signature").check().run(api.context(RepoFacts.of("staging")));
    assertThat(result).isInstanceOf(ProbeResult.Skipped.class);
    assertThat(((ProbeResult.Skipped) result).cause()).isEqualTo(SkipCause.NOT_ENFORCED);
    assertThat(result.evidence().get(0)).contains("Audit").contains("kubernetes/overlays/staging");
    assertThat(api.requests()).noneMatch(r -> r.contains("dryRun"));
  }

  @Test
  void theViolationsBreakWhatTheirNameSays() {
    PlatformFacts.Policy signature = production.policies().get("verify-image-signatures");
    assertThat(Probes.unsigned(signature))
        .isEqualTo("acrdevsecopsprd.azurecr.io/devsecops-app@sha256:" + "0".repeat(64));
  }

  static Probe byId(String id) {
    return Probes.standard().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
