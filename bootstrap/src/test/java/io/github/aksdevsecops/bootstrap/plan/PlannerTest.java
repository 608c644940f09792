package io.github.aksdevsecops.bootstrap.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final Path CATALOG = Path.of("catalog.yaml");

  static Catalog catalog(String yaml) {
    return CatalogReader.parse(CATALOG, yaml);
  }

  static Environment env(String toggles) {
    return EnvironmentReader.parse(
        Path.of("kind.yaml"),
        "name: kind\nkubeContext: kind-x\nkubernetesVersion: \"1.32\"\ncomponents: "
            + toggles
            + "\n");
  }

  static String manifests(String id, String deps) {
    return "  - id: " + id + "\n    manifests: {path: " + id + "}\n" + deps;
  }

  static List<List<String>> layers(Plan plan) {
    return plan.layers().stream().map(l -> l.stream().map(PlannedStep::id).toList()).toList();
  }

  @Test
  void ordersDiamondIntoParallelLayers() {
    Catalog c =
        catalog(
            "components:\n"
                + manifests("a", "")
                + manifests("b", "    dependsOn: {a: needs a}\n")
                + manifests("c", "    dependsOn: {a: needs a}\n")
                + manifests("d", "    dependsOn: {b: needs b, c: needs c}\n"));
    Plan plan = Planner.plan(c, env("{}"));
    assertThat(layers(plan)).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    assertThat(plan.step("d").orElseThrow().waitsFor()).containsEntry("b", "needs b");
  }

  @Test
  void switchedOffStepPassesItsPrerequisitesOn() {
    Catalog c =
        catalog(
            "components:\n"
                + manifests("a", "")
                + manifests("b", "    dependsOn: {a: needs a}\n")
                + manifests("c", "    dependsOn: {b: needs b}\n"));
    Plan plan = Planner.plan(c, env("{b: false}"));
    assertThat(layers(plan)).containsExactly(List.of("a"), List.of("c"));
    assertThat(plan.skipped()).containsExactly("b");
    assertThat(plan.step("c").orElseThrow().waitsFor().get("a")).contains("via switched-off b");
  }

  @Test
  void rejectsCycleNamingEveryStepOfIt() {
    Catalog c =
        catalog(
            "components:\n"
                + manifests("a", "    dependsOn: {c: x}\n")
                + manifests("b", "    dependsOn: {a: x}\n")
                + manifests("c", "    dependsOn: {b: x}\n"));
    assertThatThrownBy(() -> Planner.plan(c, env("{}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dependency cycle")
        .hasMessageContaining("a -> c -> b -> a");
  }

  @Test
  void rejectsDuplicateIdsWithBothLines() {
    Catalog c = catalog("components:\n" + manifests("a", "") + manifests("a", ""));
    assertThatThrownBy(() -> Planner.plan(c, env("{}")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).line()).isEqualTo(4);
              assertThat(e.problems().get(0).message())
                  .isEqualTo("duplicate component id 'a' (first declared at line 2)");
            });
  }

  @Test
  void rejectsUnknownDependencyAndUnknownToggle() {
    Catalog c = catalog("components:\n" + manifests("a", "    dependsOn: {ghost: x}\n"));
    assertThatThrownBy(() -> Planner.plan(c, env("{phantom: false}")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.message())
                    .containsExactlyInAnyOrder(
                        "components.phantom: no such catalog component",
                        "component 'a' depends on unknown component 'ghost'"));
  }

  @Test
  void rejectsConsumingAnUndeclaredOutput() {
    Catalog c =
        catalog(
            "components:\n"
                + "  - id: net\n    terraform: {stack: s, outputs: [vnet_id]}\n"
                + "  - id: aks\n    terraform:\n      stack: t\n      variables: {subnet: net.subnet_id}\n"
                + "    dependsOn: {net: x}\n");
    assertThatThrownBy(() -> Planner.plan(c, env("{}")))
        .hasMessageContaining("consumes net.subnet_id which that component does not declare");
  }

  @Test
  void rejectsConsumingFromAStepItDoesNotWaitFor() {
    Catalog c =
        catalog(
            "components:\n"
                + "  - id: net\n    terraform: {stack: s, outputs: [vnet_id]}\n"
                + "  - id: aks\n    terraform:\n      stack: t\n      variables: {vnet: net.vnet_id}\n");
    assertThatThrownBy(() -> Planner.plan(c, env("{}")))
        .hasMessageContaining("does not depend on 'net'");
  }

  @Test
  void stagingOfTheEmbeddedCatalogFollowsTheContractOrder() {
    Workspace w = Workspace.embedded();
    Plan plan = Planner.plan(w.catalog(), w.environment("staging"));
    List<List<String>> layers = layers(plan);
    assertThat(layers.get(0)).containsExactly("terraform-aks");
    assertThat(layers.get(1))
        .containsExactlyInAnyOrder("terraform-security", "terraform-monitoring");
    assertThat(layers.get(2)).containsExactly("cluster-credentials");
    assertThat(layers.get(3)).containsExactly("base");
    assertThat(layerOf(plan, "cert-manager")).isLessThan(layerOf(plan, "cert-manager-issuers"));
    assertThat(layerOf(plan, "istio-base")).isLessThan(layerOf(plan, "istiod"));
    assertThat(layerOf(plan, "istiod")).isLessThan(layerOf(plan, "mesh-policies"));
    assertThat(layerOf(plan, "kyverno")).isLessThan(layerOf(plan, "kyverno-policies"));
    assertThat(layerOf(plan, "observability")).isLessThan(layerOf(plan, "alert-rules"));
    assertThat(layerOf(plan, "argocd")).isLessThan(layerOf(plan, "argocd-applications"));
    assertThat(layerOf(plan, "secrets-store")).isLessThan(layerOf(plan, "observability"));
    assertThat(layerOf(plan, "thanos-objstore")).isLessThan(layerOf(plan, "observability"));
    assertThat(plan.skipped())
        .as("Key Vault provides these Secrets")
        .containsExactly("kind-secrets");
    assertThat(plan.steps()).hasSize(w.catalog().components().size() - 1);
  }

  @Test
  void kindDropsTerraformAndFalcoButKeepsCredentialsFirst() {
    Workspace w = Workspace.embedded();
    Plan plan = Planner.plan(w.catalog(), w.environment("kind"));
    assertThat(plan.skipped())
        .containsExactlyInAnyOrder(
            "terraform-aks",
            "terraform-security",
            "terraform-monitoring",
            "falco",
            "secrets-store",
            "thanos-objstore");
    assertThat(layerOf(plan, "kind-secrets")).isLessThan(layerOf(plan, "observability"));
    assertThat(layers(plan).get(0)).containsExactly("cluster-credentials");
  }

  static int layerOf(Plan plan, String id) {
    return plan.step(id).orElseThrow().layer();
  }
}
