package io.github.aksdevsecops.bootstrap.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply against fabric8's mock server in expectation mode, answering as an API server
 * would: the resourceVersion decides "changed", and only an adoptable conflict is forced.
 */
@EnableKubernetesMockClient
class ServerSideApplierTest {
  static final String PATH = "/api/v1/namespaces/shop/configmaps/settings";

  KubernetesMockServer server;
  KubernetesClient client;

  static ConfigMap settings(String resourceVersion) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("settings")
        .withNamespace("shop")
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .addToData("color", "blue")
        .build();
  }

  static Status conflict(String manager) {
    return new StatusBuilder()
        .withCode(409)
        .withReason("Conflict")
        .withMessage("Apply failed with 1 conflict")
        .withNewDetails()
        .withCauses(
            new StatusCauseBuilder()
                .withReason("FieldManagerConflict")
                .withMessage("conflict with \"" + manager + "\" using v1")
                .withField(".data.color")
                .build())
        .endDetails()
        .build();
  }

  void stored(ConfigMap object) {
    server.expect().get().withPath(PATH).andReturn(200, object).always();
  }

  /** The answer to one server-side apply; {@code query} follows the field manager parameter. */
  void patch(String query, int code, Object body) {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=devsecops-bootstrap" + query)
        .andReturn(code, body)
        .once();
  }

  List<String> patches() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    int n = server.getRequestCount();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = server.takeRequest();
      if (r.getMethod().equals("PATCH")) {
        paths.add(r.getPath());
      }
    }
    return paths;
  }

  @Test
  void unchangedWhenTheServerKeepsTheResourceVersion() throws Exception {
    stored(settings("5"));
    patch("", 200, settings("5"));
    assertThat(ManifestApplier.SERVER_SIDE.apply(client, settings(null)))
        .isEqualTo(ManifestApplier.Change.UNCHANGED);
    assertThat(patches()).singleElement().asString().doesNotContain("force=true");
  }

  @Test
  void updatedWhenTheResourceVersionMoves() {
    stored(settings("5"));
    patch("", 200, settings("6"));
    assertThat(ManifestApplier.SERVER_SIDE.apply(client, settings(null)))
        .isEqualTo(ManifestApplier.Change.UPDATED);
  }

  @Test
  void createdWhenNothingWasThere() {
    patch("", 201, settings("1"));
    assertThat(ManifestApplier.SERVER_SIDE.apply(client, settings(null)))
        .isEqualTo(ManifestApplier.Change.CREATED);
  }

  @Test
  void aConflictWithKubectlClientSideApplyIsTakenOverWithForce() throws Exception {
    stored(settings("5"));
    patch("", 409, conflict("kubectl-client-side-apply"));
    patch("&force=true", 200, settings("6"));
    assertThat(ManifestApplier.SERVER_SIDE.apply(client, settings(null)))
        .isEqualTo(ManifestApplier.Change.UPDATED);
    assertThat(patches())
        .containsExactly(
            PATH + "?fieldManager=devsecops-bootstrap",
            PATH + "?fieldManager=devsecops-bootstrap&force=true");
  }

  @Test
  void aConflictWithAnotherManagerFailsNamingItAndIsNeverForced() throws Exception {
    stored(settings("5"));
    patch("", 409, conflict("horizontal-pod-autoscaler"));
    assertThatThrownBy(() -> ManifestApplier.SERVER_SIDE.apply(client, settings(null)))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("ConfigMap shop/settings")
        .hasMessageContaining("[.data.color]")
        .hasMessageContaining("[horizontal-pod-autoscaler]");
    assertThat(patches()).noneMatch(p -> p.contains("force=true"));
  }

  @Test
  void previewIsAServerSideDryRunComparedWithWhatIsStored() throws Exception {
    ConfigMap stored = settings("5");
    ConfigMap wouldBe = settings("5");
    wouldBe.getData().put("color", "red");
    stored(stored);
    patch("&dryRun=All", 200, wouldBe);
    assertThat(ManifestApplier.SERVER_SIDE.preview(client, settings(null)))
        .isEqualTo(ManifestApplier.Change.UPDATED);
    assertThat(patches()).singleElement().asString().contains("dryRun=All");
  }
}
