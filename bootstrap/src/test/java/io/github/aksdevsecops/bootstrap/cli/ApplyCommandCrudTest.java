package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.execute.ExecTestSupport;
import io.github.aksdevsecops.bootstrap.execute.KubeGateway;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    Files.writeString(
        repo.resolve("bootstrap/environments/production.yaml"),
        "name: production\nprotected: true\nkubeContext: kind-devsecops\nkubernetesVersion: \"0.0\"\n");
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
                ExecTestSupport.crudApplier()),
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
    assertThat(run.err()).contains("preflight failed (kube context): nothing was changed");
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
  void productionNeedsItsNameTyped() {
    Cli.Run wrong = cli("staging\n", "apply", "--env", "production");
    assertThat(wrong.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(wrong.out()).contains("Type its name to apply");
    assertThat(wrong.err()).contains("confirmation did not match 'production'");
    assertThat(client.namespaces().list().getItems()).isEmpty();

    Cli.Run typed = cli("production\n", "apply", "--env", "production");
    assertThat(typed.code()).isZero();
  }

  @Test
  void yesSkipsTheConfirmationOfProduction() {
    Cli.Run run = cli("", "apply", "--env", "production", "--yes");
    assertThat(run.code()).isZero();
    assertThat(run.out()).doesNotContain("Type its name");
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
        .contains("dry run of apply --env staging: 27 steps, nothing was contacted or changed");
  }
}
