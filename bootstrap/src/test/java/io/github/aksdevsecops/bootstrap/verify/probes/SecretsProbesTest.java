package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import org.junit.jupiter.api.Test;

/** The service namespace's Pods and ServiceAccount as the API lists them. */
@EnableKubernetesMockClient
class SecretsProbesTest extends ProbeTestBase {
  static PodBuilder servicePod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/name", "devsecops-app")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("devsecops-app")
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewContainer()
        .withName("istio-proxy")
        .addNewVolumeMount()
        .withName("istio-token")
        .withMountPath("/var/run/secrets/tokens")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("istio-token")
        .withNewProjected()
        .addNewSource()
        .withNewServiceAccountToken()
        .withAudience("istio-ca")
        .withPath("istio-token")
        .endServiceAccountToken()
        .endSource()
        .endProjected()
        .endVolume()
        .endSpec();
  }

  void pods(Pod... pods) {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/devsecops-app/pods")
        .andReturn(200, new PodListBuilder().withItems(pods).build())
        .always();
  }

  void serviceAccount(Boolean automount) {
    api.object(
        "/api/v1/namespaces/devsecops-app/serviceaccounts/devsecops-app",
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("devsecops-app")
            .endMetadata()
            .withAutomountServiceAccountToken(automount)
            .build());
  }

  @Test
  void mountsPassWhenNoPodReadsAnUndeclaredSecret() throws Exception {
    assertThat(service().declaredSecrets()).isEmpty();
    pods(servicePod("devsecops-app-1").build(), servicePod("devsecops-app-2").build());
    ProbeResult result = passes("secrets.mounts");
    assertThat(result.evidence().get(0)).startsWith("2 Pods in devsecops-app read only declared");
  }

  @Test
  void mountsFailWhenAPodMountsASecretItDoesNotNeed() throws Exception {
    Pod leaky =
        servicePod("devsecops-app-1")
            .editSpec()
            .addNewVolume()
            .withName("tls")
            .withNewSecret()
            .withSecretName("devsecops-app-tls")
            .endSecret()
            .endVolume()
            .endSpec()
            .build();
    Pod debug =
        new PodBuilder()
            .withNewMetadata()
            .withName("debug")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("shell")
            .addNewEnvFrom()
            .withNewSecretRef()
            .withName("alertmanager-receivers")
            .endSecretRef()
            .endEnvFrom()
            .endContainer()
            .endSpec()
            .build();
    pods(leaky, debug);
    ProbeResult result = fails("secrets.mounts");
    assertThat(result.evidence())
        .containsExactly(
            "devsecops-app-1 reads Secrets it does not declare: [devsecops-app-tls]",
            "debug reads Secrets it does not declare: [alertmanager-receivers]");
  }

  @Test
  void mountsFailWhenTheServiceDoesNotRun() throws Exception {
    pods();
    ProbeResult result = fails("secrets.mounts");
    assertThat(result.evidence().get(0)).endsWith("nothing to inspect");
  }

  @Test
  void tokenPassesWithoutAnApiToken() throws Exception {
    serviceAccount(false);
    pods(servicePod("devsecops-app-1").build());
    ProbeResult result = passes("secrets.sa-token");
    assertThat(result.evidence())
        .containsExactly(
            "ServiceAccount devsecops-app automountServiceAccountToken: false",
            "devsecops-app-1: no API token");
  }

  @Test
  void tokenFailsWhenTheApiTokenIsProjected() throws Exception {
    serviceAccount(null);
    Pod withToken =
        servicePod("devsecops-app-1")
            .editSpec()
            .addNewVolume()
            .withName("kube-api-access-x1")
            .withNewProjected()
            .addNewSource()
            .withNewServiceAccountToken()
            .withPath("token")
            .withExpirationSeconds(3607L)
            .endServiceAccountToken()
            .endSource()
            .endProjected()
            .endVolume()
            .endSpec()
            .build();
    pods(withToken);
    ProbeResult result = fails("secrets.sa-token");
    assertThat(result.evidence())
        .containsExactly(
            "ServiceAccount devsecops-app automountServiceAccountToken: null",
            "devsecops-app-1: HAS an API token (volume kube-api-access-x1 projects a token for the"
                + " API server)");
  }
}
