package io.github.aksdevsecops.bootstrap.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import io.github.aksdevsecops.bootstrap.verify.probes.AdmissionProbe;
import io.github.aksdevsecops.bootstrap.verify.probes.FalcoProbe;
import io.github.aksdevsecops.bootstrap.verify.probes.Probes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts of this repository's environments, read with the real kubectl kustomize: what the
 * probes attack comes from the manifests, values and rules, and every name a probe relies on is
 * there.
 */
class FactsReaderTest {
  /** One folder per ClusterPolicy under kubernetes/security/kyverno/policies. */
  static java.util.List<String> policyFolders() {
    java.nio.file.Path dir = RepoFacts.root().resolve("kubernetes/security/kyverno/policies");
    try (var list = java.nio.file.Files.list(dir)) {
      return list.filter(p -> java.nio.file.Files.isRegularFile(p.resolve("policy.yaml")))
          .map(p -> p.getFileName().toString())
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void kindGetsTheCatalogsManifestsAndNoService() {
    PlatformFacts kind = RepoFacts.of("kind");
    assertThat(kind.manifests())
        .isEqualTo("the catalog's manifests through kubernetes/overlays/kind");
    assertThat(kind.enabled("falco")).isFalse();
    assertThat(kind.enabled("kyverno")).isTrue();
    assertThat(kind.service()).isEmpty();
    assertThat(ProbeImage.allowedRegistry(kind)).contains("kind.local");
    assertThat(kind.policies().keySet()).containsExactlyInAnyOrderElementsOf(policyFolders());
    assertThat(kind.policies().values())
        .filteredOn(p -> !p.enforced())
        .extracting(PlatformFacts.Policy::name)
        .containsExactly("verify-image-signatures");
    assertThat(kind.restrictedNamespaces())
        .contains("devsecops-app", "kyverno", "argocd")
        .doesNotContain("monitoring", "falco");
    PlatformFacts.GitOps gitops = kind.gitops().orElseThrow();
    assertThat(gitops.project()).isEqualTo("devsecops-app");
    assertThat(gitops.destinationNamespaces()).containsExactly("devsecops-app");
    assertThat(gitops.applications()).isEmpty();
  }

  @Test
  void theStoresAreNamedAsTheirChartsNameThem() {
    PlatformFacts.Monitoring m = RepoFacts.of("kind").monitoring();
    assertThat(m.prometheus())
        .contains(new Endpoint("monitoring", "kube-prometheus-stack-prometheus", 9090));
    assertThat(m.alertmanager())
        .contains(new Endpoint("monitoring", "kube-prometheus-stack-alertmanager", 9093));
    assertThat(m.loki()).contains(new Endpoint("monitoring", "loki-gateway", 80));
    assertThat(m.tempo()).contains(new Endpoint("monitoring", "tempo", 3100));
    assertThat(m.lokiNamespaceLabel()).isEqualTo("namespace");
    assertThat(m.receivers()).contains("opsgenie-warning", "pagerduty-critical", "slack-security");
    assertThat(m.sloRecords())
        .contains("slo:sli_error:ratio_rate5m", "slo:latency_budget_remaining:ratio");
  }

  @Test
  void stagingGetsItsOverlayAndItsService() {
    PlatformFacts staging = RepoFacts.of("staging");
    assertThat(staging.manifests())
        .isEqualTo("the catalog's manifests through kubernetes/overlays/staging");
    assertThat(ProbeImage.allowedRegistry(staging)).contains("acrdevsecopsstg.azurecr.io");
    assertThat(staging.policies().get("verify-image-signatures").enforced()).isFalse();
    PlatformFacts.Service service = staging.service().orElseThrow();
    assertThat(service.name()).isEqualTo("devsecops-app");
    assertThat(service.http()).isEqualTo(new Endpoint("devsecops-app", "devsecops-app", 8080));
    assertThat(service.management())
        .isEqualTo(new Endpoint("devsecops-app", "devsecops-app-management", 8081));
    assertThat(service.serviceAccount()).isEqualTo("devsecops-app");
    assertThat(service.selector()).containsEntry("app.kubernetes.io/name", "devsecops-app");
    assertThat(service.job()).isEqualTo("devsecops-app");
    PlatformFacts.Ingress ingress = service.ingress().orElseThrow();
    assertThat(ingress.host()).isEqualTo("api.staging.devsecops.example.com");
    assertThat(ingress.issuer()).isEqualTo("letsencrypt-staging");
    assertThat(ingress.tlsSecret()).isEqualTo("devsecops-app-tls");
    assertThat(ingress.path()).isEqualTo("/api/v1/items");
    assertThat(ingress.waf()).isTrue();
    assertThat(ingress.controller())
        .isEqualTo(new Endpoint("ingress-nginx", "ingress-nginx-controller", 443));
    assertThat(staging.gitops().orElseThrow().applications())
        .containsExactly("devsecops-app-staging");
  }

  @Test
  void productionEnforcesTheSignatureOnItsOwnRegistry() {
    PlatformFacts production = RepoFacts.of("production");
    PlatformFacts.Policy signature = production.policies().get("verify-image-signatures");
    assertThat(signature.enforced()).isTrue();
    assertThat(signature.verifiedImages()).containsExactly("acrdevsecopsprd.azurecr.io/*");
    assertThat(production.service().orElseThrow().ingress().orElseThrow().issuer())
        .isEqualTo("letsencrypt-production");
  }

  @Test
  void everyPolicyRuleAProbeBreaksIsInTheRepository() {
    PlatformFacts production = RepoFacts.of("production");
    Probes.standard().stream()
        .filter(p -> p.check() instanceof AdmissionProbe)
        .map(p -> (AdmissionProbe) p.check())
        .forEach(
            a ->
                assertThat(production.policies().get(a.policy()).rules())
                    .as(a.policy())
                    .contains(a.rule()));
  }

  @Test
  void theFalcoRuleTheProbeTriggersIsInTheRulesWithATechniqueAndTheWritableDirectory() {
    PlatformFacts.Falco falco = RepoFacts.of("staging").falco().orElseThrow();
    assertThat(falco.tags().get(FalcoProbe.RULE)).contains("T1098");
    assertThat(falco.lists().get(FalcoProbe.DIRECTORIES)).contains(PodSpecs.WRITABLE_ETC_DIRECTORY);
  }

  @Test
  void everyComponentAProbeNeedsIsInTheCatalog() {
    var catalog = Workspace.of(RepoFacts.root()).catalog();
    Probes.standard()
        .forEach(
            p ->
                assertThat(p.needs().components())
                    .as(p.id())
                    .allMatch(c -> catalog.find(c).isPresent()));
  }

  @Test
  void theProbeImageIsTheUpstreamDigestUnderTheEnvironmentsRegistryUnlessOverridden() {
    PlatformFacts staging = RepoFacts.of("staging");
    assertThat(ProbeImage.of(staging, Optional.empty()).reference())
        .isEqualTo("acrdevsecopsstg.azurecr.io/verify-probe@" + ProbeImage.DIGEST);
    assertThat(ProbeImage.of(staging, Optional.of("mirror.example/probe@sha256:1")).reference())
        .isEqualTo("mirror.example/probe@sha256:1");
    ProbeImage image = new ProbeImage("acr.example/verify-probe@sha256:abc");
    assertThat(image.byTag()).isEqualTo("acr.example/verify-probe:latest");
    assertThat(image.foreignRegistry()).isEqualTo("registry.invalid/verify-probe@sha256:abc");
  }

  @Test
  void aBrokenKustomizationIsInvalidInputNamingItsFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
    FactsReader.Renderer renderer = FactsReader.kustomize(ProcessRunner.fromSystem(), dir);
    assertThatThrownBy(() -> renderer.render(dir))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).problems().get(0).file())
                    .isEqualTo(dir.resolve("kustomization.yaml")))
        .hasMessageContaining("kubectl kustomize failed");
  }
}
