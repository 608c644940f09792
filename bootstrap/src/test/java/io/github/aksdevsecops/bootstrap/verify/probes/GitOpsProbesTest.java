package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.verify.MockApi;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.RepoFacts;
import io.github.aksdevsecops.bootstrap.verify.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argo CD's Applications as the API returns them, and its verdict on a forbidden destination. */
@EnableKubernetesMockClient
class GitOpsProbesTest extends ProbeTestBase {
  static final String APPS = "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications";

  static GenericKubernetesResource application(String name, Map<String, Object> status) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1")
        .withKind("Application")
        .withNewMetadata()
        .withName(name)
        .withNamespace("argocd")
        .endMetadata()
        .addToAdditionalProperties("status", status)
        .build();
  }

  @Test
  void applicationsPassWhenSyncedAndHealthy() throws Exception {
    assertThat(staging.gitops().orElseThrow().applications())
        .containsExactly("devsecops-app-staging");
    stagingApplicationIs("Synced", "Healthy");
    ProbeResult result = passes("gitops.applications");
    assertThat(result.evidence()).containsExactly("devsecops-app-staging: Synced, Healthy");
  }

  @Test
  void applicationsFailWhenOutOfSync() throws Exception {
    stagingApplicationIs("OutOfSync", "Degraded");
    ProbeResult result = fails("gitops.applications");
    assertThat(result.evidence()).containsExactly("devsecops-app-staging: OutOfSync, Degraded");
  }

  void stagingApplicationIs(String sync, String health) {
    api.object(
        APPS + "/devsecops-app-staging",
        application(
            "devsecops-app-staging",
            Map.of("sync", Map.of("status", sync), "health", Map.of("status", health))));
  }

  void created(Map<String, Object> status) {
    String name = "verify-" + MockApi.RUN;
    server.expect().post().withPath(APPS).andReturn(201, application(name, Map.of())).once();
    api.object(APPS + "/" + name, application(name, status));
    server.expect().delete().withPath(APPS + "/" + name).andReturn(200, MockApi.success()).always();
  }

  @Test
  void theProjectRefusingTheDestinationPasses() throws Exception {
    created(
        Map.of(
            "conditions",
            List.of(
                Map.of(
                    "type",
                    "InvalidSpecError",
                    "message",
                    "application destination server 'https://kubernetes.default.svc' and namespace"
                        + " '"
                        + MockApi.NS
                        + "' do not match any of the allowed destinations in project"
                        + " 'devsecops-app'"))));
    ProbeResult result = run("gitops.appproject-destinations", RepoFacts.of("kind"));
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(1)).startsWith("refused: application destination server");
    List<String> requests = api.requests();
    assertThat(requests).contains("DELETE " + APPS + "/verify-" + MockApi.RUN);
  }

  @Test
  void theApplicationIsAimedAtTheSandboxWithTheRunsLabelsAndNoSyncPolicy() throws Exception {
    created(Map.of());
    run("gitops.appproject-destinations", RepoFacts.of("kind"));
    var posted =
        api.recorded().stream()
            .filter(r -> r.method().equals("POST") && r.path().equals(APPS))
            .findFirst()
            .orElseThrow();
    var body = Json.readTree(posted.body());
    assertThat(body.path("spec").path("project").asString()).isEqualTo("devsecops-app");
    assertThat(body.path("spec").path("destination").path("namespace").asString())
        .isEqualTo(MockApi.NS);
    assertThat(body.path("spec").has("syncPolicy")).isFalse();
    assertThat(body.path("metadata").path("labels").path(Sandbox.REMOVE_LABEL).asString())
        .isEqualTo("true");
    assertThat(body.path("metadata").has("finalizers")).isFalse();
  }

  @Test
  void noVerdictWithinThePatienceFailsAndStillDeletesTheApplication() throws Exception {
    created(Map.of("sync", Map.of("status", "OutOfSync")));
    ProbeResult result = run("gitops.appproject-destinations", RepoFacts.of("kind"));
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(1)).startsWith("no InvalidSpecError within 1 s");
    assertThat(api.requests()).contains("DELETE " + APPS + "/verify-" + MockApi.RUN);
  }
}
