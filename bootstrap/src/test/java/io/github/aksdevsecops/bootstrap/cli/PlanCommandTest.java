package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class PlanCommandTest {
  @TempDir Path outside;

  @Test
  void printsTheStagingPlanFromTheEmbeddedCatalog() {
    Cli.Run run = Cli.run(outside, "plan", "--env", "staging");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Plan for environment staging")
        .contains(Cli.embeddedPlan("staging").steps().size() + " steps in")
        .contains("after terraform-aks: needs the cluster")
        .contains("input cluster_id = terraform-aks.cluster_id")
        .contains("waits for CRD clusterissuers.cert-manager.io Established")
        .contains(Cli.chartReference("cert-manager"))
        .contains(Cli.chartReference("victoria-metrics"));
  }

  /**
   * From a checkout, the plan also lists what Argo CD syncs from the Applications it delivers,
   * marked as Argo CD's: staging's Application, and nothing for kind, which has none.
   */
  @Test
  void aCheckoutsPlanNamesWhatArgoCdSyncs() {
    Cli.Run staging = Cli.run(Cli.repoRoot(), "plan", "--env", "staging");
    assertThat(staging.code()).as(staging.err()).isZero();
    assertThat(staging.out())
        .contains(
            "\nsynced by Argo CD, not applied by bootstrap (apply does not send it, destroy does"
                + " not remove it):\n"
                + "  argocd-sync-devsecops-app-staging [synced by Argo CD] after"
                + " argocd-applications: Application argocd/devsecops-app-staging syncs"
                + " kubernetes/apps/devsecops-app/overlays/staging\n");
    Cli.Run kind = Cli.run(Cli.repoRoot(), "plan", "--env", "kind");
    assertThat(kind.code()).as(kind.err()).isZero();
    assertThat(kind.out()).doesNotContain("synced by Argo CD");
  }

  @Test
  void jsonListsEveryStepWithItsLayer() {
    Cli.Run run = Cli.run(outside, "plan", "--env", "kind", "--output", "json");
    assertThat(run.code()).isZero();
    JsonNode plan = Json.readTree(run.out());
    assertThat(plan.path("environment").asText()).isEqualTo("kind");
    assertThat(plan.path("steps").get(0).path("id").asText()).isEqualTo("cluster-credentials");
    assertThat(plan.path("switchedOff")).hasSize(Cli.embeddedPlan("kind").switchedOff().size());
    assertThat(plan.path("steps")).hasSize(Cli.embeddedPlan("kind").steps().size());
  }

  @ParameterizedTest
  @CsvSource({
    "mermaid,flowchart TD,terraform_aks -->|\"needs the cluster",
    "dot,digraph plan,\"base\" -> \"cert-manager\""
  })
  void drawsTheGraph(String graph, String header, String edge) {
    Cli.Run run = Cli.run(outside, "plan", "--env", "staging", "--graph", graph);
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith(header).contains(edge);
  }

  @ParameterizedTest
  @CsvSource({
    "plan --env nowhere, unknown environment 'nowhere'",
    "plan --env staging --output yaml, Invalid value for option '--output'",
    "plan, Missing required option: '--env=ENV'",
    "plan --env ../x, invalid environment name"
  })
  void rejectsBadInputWithExitTwo(String args, String message) {
    Cli.Run run = Cli.run(outside, args.split(" "));
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(message);
  }

  @Test
  void rootCommandPrintsUsage() {
    Cli.Run run = Cli.run(outside);
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("validate")
        .contains("plan")
        .contains("apply")
        .contains("destroy");
  }
}
