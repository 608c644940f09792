package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.model.Waits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readiness waits against the CRUD mock: the status is what a controller would have written. */
@EnableKubernetesMockClient(crud = true)
class WaiterCrudTest {
  KubernetesClient client;

  void endpointSlice(boolean ready) {
    client
        .resource(
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("hook-abc")
                .withNamespace("kyverno")
                .addToLabels("kubernetes.io/service-name", "kyverno-svc")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses("10.0.0.7")
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .endEndpoint()
                .build())
        .create();
  }

  @Test
  void aWebhookWithAReadyEndpointAnswers() {
    endpointSlice(true);
    Waiter.await(
        client,
        new Waits(List.of(), List.of(), List.of("kyverno/kyverno-svc")),
        Duration.ofSeconds(5));
  }

  @Test
  void aWebhookWithoutReadyEndpointsTimesOutNamingIt() {
    endpointSlice(false);
    assertThatThrownBy(
            () ->
                Waiter.await(
                    client,
                    new Waits(List.of(), List.of(), List.of("kyverno/kyverno-svc")),
                    Duration.ofMillis(300)))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("webhook service kyverno/kyverno-svc has no ready endpoint within PT0.3S");
  }

  @Test
  void waitsForAnAvailableDeployment() {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("istiod")
                .withNamespace("istio-system")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Available")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
    Waiter.await(
        client, new Waits(List.of(), List.of("istio-system/istiod")), Duration.ofSeconds(5));
    assertThatThrownBy(
            () ->
                Waiter.await(
                    client,
                    new Waits(List.of(), List.of("istio-system/missing")),
                    Duration.ofMillis(300)))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("Deployment istio-system/missing not Available");
  }
}
