package io.github.aksdevsecops.bootstrap.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A namespace set aside for verify runs (--sandbox-namespace): the run creates, execs into and
 * deletes only its own Pods there and never creates or deletes a namespace, so namespaced rights
 * suffice; a namespace that is missing or not marked as a sandbox is refused before anything is
 * created.
 */
@EnableKubernetesMockClient
class SandboxNamespaceTest {
  KubernetesMockServer server;
  KubernetesClient client;
  MockApi api;

  @BeforeEach
  void setUp() {
    api = new MockApi(server, client);
  }

  void namespace(Map<String, String> labels) {
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName("verify")
            .withLabels(labels)
            .endMetadata()
            .build();
    api.object("/api/v1/namespaces/verify", ns);
  }

  @Test
  void theRunsPodsCarryTheRunIdAndOnlyTheyAreDeleted() throws Exception {
    namespace(Map.of(Sandbox.SANDBOX_LABEL, "true", Sandbox.ENFORCE, "privileged"));
    String pod = "verify-probe-test0002";
    var ready =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName(pod)
            .withNamespace("verify")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    server.expect().post().withPath("/api/v1/namespaces/verify/pods").andReturn(201, ready).once();
    api.object("/api/v1/namespaces/verify/pods/" + pod, ready);
    server
        .expect()
        .delete()
        .withPath("/api/v1/namespaces/verify/pods/" + pod)
        .andReturn(200, MockApi.success())
        .once();

    Sandbox box = Sandbox.in(client, MockApi.IMAGE, MockApi.FAST, "verify", "test0002");
    assertThat(box.namespace()).isEqualTo("verify");
    assertThat(box.probe().pod()).isEqualTo(pod);
    box.close();

    assertThat(box.cleanupProblems()).isEmpty();
    assertThat(api.requests())
        .containsExactly(
            "GET /api/v1/namespaces/verify",
            "POST /api/v1/namespaces/verify/pods",
            "GET /api/v1/namespaces/verify/pods/" + pod,
            "DELETE /api/v1/namespaces/verify/pods/" + pod);
    assertThat(api.recorded().get(1).body())
        .contains("\"name\":\"" + pod + "\"")
        .contains("\"" + Sandbox.RUN_LABEL + "\":\"test0002\"");
  }

  @Test
  void aMissingNamespaceIsAnUnexpectedClusterState() {
    assertThatThrownBy(() -> Sandbox.in(client, MockApi.IMAGE, MockApi.FAST, "verify"))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("the sandbox namespace verify does not exist")
        .hasMessageContaining("kubernetes/verify-access");
  }

  @Test
  void aNamespaceNotMarkedAsASandboxIsRefused() throws Exception {
    namespace(Map.of(Sandbox.SANDBOX_LABEL, "true", Sandbox.ENFORCE, "restricted"));
    assertThatThrownBy(() -> Sandbox.in(client, MockApi.IMAGE, MockApi.FAST, "verify"))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("namespace verify is not a verify sandbox");
    assertThat(api.requests()).containsExactly("GET /api/v1/namespaces/verify");
  }

  @Test
  void theVerifierUsesTheSetAsideNamespaceWithoutCreatingOrDeletingNamespaces() throws Exception {
    namespace(Map.of(Sandbox.SANDBOX_LABEL, "true", Sandbox.ENFORCE, "privileged"));
    Verifier.Run run =
        new Verifier(
                client,
                RepoFacts.of("kind"),
                MockApi.IMAGE,
                MockApi.FAST,
                Verifier.Listener.SILENT,
                Optional.of("verify"))
            .run(List.of());
    assertThat(run.namespace()).isEqualTo("verify");
    assertThat(api.requests()).containsExactly("GET /api/v1/namespaces/verify");
  }
}
