package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.model.Ownership;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests rendered by the real kubectl kustomize and applied to fabric8's CRUD mock. */
@EnableKubernetesMockClient(crud = true)
class ManifestExecutorCrudTest {
  KubernetesClient client;
  @TempDir Path root;
  CrudFixtures.RecordingApplier applier = new CrudFixtures.RecordingApplier();
  PlannedStep step;
  ExecutionContext ctx;

  static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.com")
          .withVersion("v1")
          .withPlural("widgets")
          .withKind("Widget")
          .withNamespaced(true)
          .build();

  @BeforeEach
  void setUp() throws Exception {
    Path dir = root.resolve("kubernetes/app");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "namespace: shop\nresources: [widget.yaml, config.yaml, namespace.yaml, crd.yaml]\n");
    Files.writeString(dir.resolve("crd.yaml"), CrudFixtures.CRD, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("namespace.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
    Files.writeString(
        dir.resolve("config.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n");
    Files.writeString(
        dir.resolve("widget.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: gear\nspec:\n  teeth: 12\n");
    Plan plan =
        Fixtures.plan(
            "components:\n  - id: app\n    manifests: {path: kubernetes/app}\n", Fixtures.kind());
    step = plan.step("app").orElseThrow();
    ctx = CrudFixtures.kindContext(client, root, applier);
  }

  @Test
  void appliesCrdsAndNamespacesFirstThenTheRest() throws Exception {
    StepResult r = new ManifestExecutor().apply(step, ctx);
    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(r.detail()).startsWith("4 of 4 objects");
    assertThat(applier.applied.subList(0, 2))
        .containsExactly("CustomResourceDefinition/widgets.example.com", "Namespace/shop");
    ConfigMap settings = client.configMaps().inNamespace("shop").withName("settings").get();
    assertThat(settings.getData()).containsEntry("color", "blue");
    assertThat(settings.getMetadata().getAnnotations())
        .containsEntry(Ownership.STEP_ANNOTATION, "app");
    GenericKubernetesResource gear =
        client.genericKubernetesResources(WIDGETS).inNamespace("shop").withName("gear").get();
    assertThat(gear.getAdditionalProperties()).containsEntry("spec", Map.of("teeth", 12));
  }

  @Test
  void appliesPolicyExceptionsBeforeThePoliciesTheyRelax() throws Exception {
    Path dir = root.resolve("kubernetes/policies");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("kustomization.yaml"), "resources: [policy.yaml, exception.yaml]\n");
    Files.writeString(
        dir.resolve("policy.yaml"),
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: no-host-path\n");
    Files.writeString(
        dir.resolve("exception.yaml"),
        "apiVersion: kyverno.io/v2\nkind: PolicyException\nmetadata:\n  name: cni\n"
            + "  namespace: kyverno\n");
    PlannedStep policies =
        Fixtures.plan(
                "components:\n  - id: policies\n    manifests: {path: kubernetes/policies}\n",
                Fixtures.kind())
            .step("policies")
            .orElseThrow();
    assertThat(new ManifestExecutor().render(policies, ctx, client))
        .extracting(o -> o.getKind())
        .containsExactly("PolicyException", "ClusterPolicy");
  }

  @Test
  void aSecondApplyChangesNothing() throws Exception {
    new ManifestExecutor().apply(step, ctx);
    applier.applied.clear();
    StepResult second = new ManifestExecutor().apply(step, ctx);
    assertThat(second).isInstanceOf(StepResult.Unchanged.class);
    assertThat(applier.applied).isEmpty();
  }

  @Test
  void driftIsCorrectedOnlyWhereItHappened() throws Exception {
    new ManifestExecutor().apply(step, ctx);
    ConfigMap drifted = client.configMaps().inNamespace("shop").withName("settings").get();
    drifted.getData().put("color", "red");
    client.resource(drifted).update();
    applier.applied.clear();
    StepResult r = new ManifestExecutor().apply(step, ctx);
    assertThat(r.detail()).startsWith("1 of 4 objects");
    assertThat(applier.applied).containsExactly("ConfigMap/settings");
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get().getData())
        .containsEntry("color", "blue");
  }

  @Test
  void destroyRemovesOnlyObjectsThisStepCreated() throws Exception {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("shop")
                .endMetadata()
                .addToData("color", "green")
                .build())
        .create();
    Files.writeString(
        root.resolve("kubernetes/app/kustomization.yaml"),
        "namespace: shop\nresources: [config.yaml]\n");
    StepResult r = new ManifestExecutor().destroy(step, ctx);
    assertThat(r.detail()).isEqualTo("deleted 0 objects it had created");
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get()).isNotNull();

    Files.writeString(
        root.resolve("kubernetes/app/kustomization.yaml"),
        "namespace: shop\nresources: [config.yaml, namespace.yaml]\n");
    client.configMaps().inNamespace("shop").withName("settings").delete();
    new ManifestExecutor().apply(step, ctx);
    r = new ManifestExecutor().destroy(step, ctx);
    assertThat(r.detail()).isEqualTo("deleted 2 objects it had created");
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get()).isNull();
  }
}
