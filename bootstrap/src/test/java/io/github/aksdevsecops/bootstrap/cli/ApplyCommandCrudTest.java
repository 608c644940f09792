package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.execute.ExecTestSupport;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * apply/destroy through the CLI factory against the CRUD mock, a fake Helm and real kubectl
 * kustomize.
 */
@EnableKubernetesMockClient(crud = true)
class ApplyCommandCrudTest {
  KubernetesClient client;
  @TempDir Path repo;
  ExecTestSupport.Helm helm = ExecTestSupport.helm();
  String context = "kind-devsecops";

  @BeforeEach
  void setUp() throws IOException {
    Cli.copyFixture("mini", repo);
    // fabric8's CRUD mock reports Kubernetes 0.0: the environments of this test expect that.
    Path kind = repo.resolve("bootstrap/environments/kind.yaml");
    Files.writeString(kind, Files.readString(kind).replace("\"1.32\"", "\"0.0\""));
  }

  Cli.Run cli(String input, String... args) {
    return Cli.run(
        repo,
        input,
        (env, root) ->
            new Platform(
                ProcessRunner.fromSystem(),
                null,
                KubeGateway.of(client, context),
                helm.gateway(),
                ExecTestSupport.crudApplier(),
                ExecTestSupport.charts()),
        args);
  }

  @Test
  void aSecondApplyChangesNothingAndSaysSo() {
    Cli.Run first = cli("", "apply", "--env", "kind");
    assertThat(first.err()).as(first.out()).isEmpty();
    assertThat(first.code()).isZero();
    assertThat(first.out())
        .contains("ok   kube context")
        .contains("ok   kubernetes version")
        .contains("base: applied")
        .containsPattern("web +helm +applied");
    assertThat(client.namespaces().withName("web").get()).isNotNull();

    Cli.Run second = cli("", "apply", "--env", "kind");
    assertThat(second.code()).isZero();
    assertThat(second.out())
        .contains("nothing to change: the environment already matches the plan")
        .doesNotContain(": applied");
    assertThat(helm.installCount()).isEqualTo(1);
  }

  @Test
  void livePlanShowsPendingChangesThenNone() {
    Cli.Run before = cli("", "plan", "--env", "kind", "--live");
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out())
        .containsPattern("base +changes +1 to create, 0 to update")
        .containsPattern("web +changes +would install example/web@1.2.3");
    assertThat(client.namespaces().list().getItems()).isEmpty();

    assertThat(cli("", "apply", "--env", "kind").code()).isZero();
    Cli.Run after = cli("", "plan", "--env", "kind", "--live");
    assertThat(after.out())
        .containsPattern("base +no change")
        .containsPattern("web +no change")
        .containsPattern("net +no change");
  }

  @Test
  void refusesAnotherClusterBeforeChangingAnything() {
    context = "someone-elses-cluster";
    Cli.Run run = cli("", "apply", "--env", "kind");
    assertThat(run.code()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(run.out())
        .contains("FAIL kube context")
        .contains("environment wants kind-devsecops");
    assertThat(run.err())
        .contains("preflight failed: kube context (someone-elses-cluster")
        .contains("nothing was changed");
    assertThat(client.namespaces().list().getItems()).isEmpty();
    assertThat(repo.resolve(".bootstrap")).doesNotExist();
  }

  @Test
  void refusesAClusterOfAnotherKubernetesVersion() throws IOException {
    Path kind = repo.resolve("bootstrap/environments/kind.yaml");
    Files.writeString(kind, Files.readString(kind).replace("\"0.0\"", "\"1.32\""));
    Cli.Run run = cli("", "apply", "--env", "kind");
    assertThat(run.code()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(run.out()).contains("FAIL kubernetes version         0.0 (environment wants 1.32)");
    assertThat(client.namespaces().list().getItems()).isEmpty();
  }

  @Test
  void aFailingStepShowsItsStackTraceOnlyWithVerbose() {
    helm.failRelease("web");
    Cli.Run quiet = cli("", "apply", "--env", "kind");
    assertThat(quiet.code()).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(quiet.out())
        .contains("web failed: helm upgrade --install web failed: rolled back (atomic)")
        .doesNotContain("\tat io.github.aksdevsecops");

    Cli.Run verbose = cli("", "apply", "--env", "kind", "--resume", "--verbose");
    assertThat(verbose.code()).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(verbose.out())
        .contains("StepFailedException: helm upgrade --install web failed")
        .contains("\tat io.github.aksdevsecops.bootstrap.execute.FakeHelm.upgradeInstall");
  }

  @Test
  void aBrokenKustomizationFailsWithKustomizesOwnMessage() throws IOException {
    Files.writeString(
        repo.resolve("kubernetes/net/kustomization.yaml"),
        "namespace: web\nresources:\n  - missing.yaml\n");
    Cli.Run run = cli("", "apply", "--env", "kind", "--output", "json");
    assertThat(run.code()).isEqualTo(ExitCodes.STEP_FAILED);
    JsonNode net = step(Json.readTree(run.out()), "net");
    assertThat(net.path("result").asText()).isEqualTo("FAILED");
    assertThat(net.path("detail").asText()).startsWith("kubectl kustomize kubernetes/net failed");
    assertThat(net.path("tail").toString()).contains("missing.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "17", "many"})
  void parallelismOutsideOneToSixteenIsInvalidInput(String value) {
    Cli.Run run = cli("", "apply", "--env", "kind", "--parallelism", value);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Invalid value for option '--parallelism'");
    assertThat(client.namespaces().list().getItems()).isEmpty();
  }

  @Test
  void aSwitchedOffComponentIsReportedAsSkippedForThatReason() throws IOException {
    Path kind = repo.resolve("bootstrap/environments/kind.yaml");
    Files.writeString(kind, Files.readString(kind) + "components:\n  net: false\n");
    Cli.Run run = cli("", "apply", "--env", "kind", "--output", "json");
    assertThat(run.code()).isZero();
    JsonNode net = step(Json.readTree(run.out()), "net");
    assertThat(net.path("result").asText()).isEqualTo("skipped");
    assertThat(net.path("reason").asText()).isEqualTo("DISABLED_FOR_ENVIRONMENT");
  }

  static JsonNode step(JsonNode report, String id) {
    for (JsonNode s : report.path("steps")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + report);
  }

  @Test
  void resumeContinuesAfterAFailedStep() {
    helm.failRelease("web");
    Cli.Run failed = cli("", "apply", "--env", "kind");
    assertThat(failed.code()).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(failed.out()).contains("web: FAILED").contains("continue with --resume");
    assertThat(repo.resolve(".bootstrap/kind.journal.json")).exists();

    helm.failRelease(null);
    Cli.Run resumed = cli("", "apply", "--env", "kind", "--resume");
    assertThat(resumed.code()).isZero();
    assertThat(resumed.out())
        .contains("base: skipped - done in a previous run")
        .contains("net: skipped - done in a previous run")
        .contains("web: applied");
  }

  @Test
  void destroyRemovesReleasesAndObjectsItCreated() {
    assertThat(cli("", "apply", "--env", "kind").code()).isZero();
    Cli.Run dry = cli("", "destroy", "--env", "kind", "--dry-run");
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).contains("dry run of destroy --env kind");
    assertThat(helm.uninstalls()).isEmpty();

    Cli.Run run = cli("", "destroy", "--env", "kind");
    assertThat(run.code()).isZero();
    assertThat(helm.uninstalls()).containsExactly("web/web");
    assertThat(run.out()).contains("deleted 1 objects it had created");
  }

  @Test
  void destroyDryRunListsHelmReleasesBeforeTerraformStacks(@TempDir Path elsewhere) {
    Cli.Run run = Cli.run(elsewhere, "destroy", "--env", "staging", "--dry-run");
    assertThat(run.code()).isZero();
    String order = run.out().substring(run.out().indexOf("removal order"));
    assertThat(order.indexOf("cluster-credentials"))
        .isLessThan(order.indexOf("argocd-applications"));
    assertThat(order.indexOf("argocd-applications")).isLessThan(order.indexOf(" argocd:"));
    assertThat(order.indexOf(" cert-manager:")).isLessThan(order.indexOf("terraform-security"));
    assertThat(order.indexOf("terraform-monitoring")).isLessThan(order.indexOf("terraform-aks"));
    assertThat(order).contains("would remove what it created of: Helm release kyverno/kyverno");
  }

  @Test
  void dryRunOutsideACheckoutPrintsTheWholePlanAndTouchesNothing(@TempDir Path elsewhere) {
    Cli.Run run = Cli.run(elsewhere, "apply", "--env", "staging", "--dry-run");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Plan for environment staging")
        .contains(
            "dry run of apply --env staging: "
                + Cli.embeddedPlan("staging").steps().size()
                + " steps, nothing was contacted or changed");
  }
}
