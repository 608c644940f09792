package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.adapters.Secret;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CredentialsExecutorTest {
  static final String CATALOG =
      "components:\n"
          + "  - id: aks\n    terraform: {stack: s, outputs: [resource_group_name, cluster_name]}\n"
          + "  - id: creds\n    credentials:\n      inputs:\n"
          + "        resource_group_name: aks.resource_group_name\n"
          + "        cluster_name: aks.cluster_name\n"
          + "    dependsOn: {aks: the cluster must exist}\n";

  FakeAzure azure = new FakeAzure();
  AtomicReference<Optional<Secret>> handedToKube = new AtomicReference<>();

  ExecutionContext ctx(
      io.github.aksdevsecops.bootstrap.model.Environment env, String currentContext) {
    KubeGateway kube =
        new KubeGateway() {
          @Override
          public Optional<String> currentContext() {
            return Optional.ofNullable(currentContext);
          }

          @Override
          public ClusterSession connect(Optional<Secret> kubeconfig, String context) {
            handedToKube.set(kubeconfig);
            return new ClusterSession(null, kubeconfig, context);
          }
        };
    Platform platform = new Platform(null, azure, kube, null, null);
    return new ExecutionContext(
        env, Path.of("."), false, platform, Journal.inMemory(env), ProgressListener.SILENT);
  }

  PlannedStep creds(io.github.aksdevsecops.bootstrap.model.Environment env) {
    Plan plan = Fixtures.plan(CATALOG, env);
    return plan.step("creds").orElseThrow();
  }

  @Test
  void fetchesAksCredentialsIntoMemoryWithoutShowingThem() throws Exception {
    ExecutionContext ctx = ctx(Fixtures.staging(), null);
    ctx.putOutputs("aks", Map.of("resource_group_name", "rg-dso", "cluster_name", "aks-dso"));
    StepResult r = new CredentialsExecutor().apply(creds(Fixtures.staging()), ctx);
    assertThat(azure.credentialRequests).containsExactly("rg-dso/aks-dso");
    assertThat(handedToKube.get().orElseThrow().reveal()).isEqualTo(FakeAzure.KUBECONFIG);
    assertThat(r.detail()).doesNotContain("SUPER-SECRET-TOKEN");
    assertThat(r.recorded()).isEmpty();
    assertThat(ctx.session().toString()).doesNotContain("SUPER-SECRET-TOKEN");
  }

  /**
   * The staging credentials step, after aks left {@code aksOutputs}, refuses before asking Azure.
   */
  private void assertRefusedOnStaging(Map<String, String> aksOutputs, String message) {
    ExecutionContext ctx = ctx(Fixtures.staging(), null);
    ctx.putOutputs("aks", aksOutputs);
    assertThatThrownBy(() -> new CredentialsExecutor().apply(creds(Fixtures.staging()), ctx))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining(message);
    assertThat(azure.credentialRequests).isEmpty();
  }

  @Test
  void refusesAClusterOtherThanTheEnvironmentsEvenWhenOutputsOrTheJournalNameIt() {
    assertRefusedOnStaging(
        Map.of("resource_group_name", "rg-dso", "cluster_name", "aks-prod"),
        "cluster rg-dso/aks-prod is not the cluster of environment staging");
  }

  @Test
  void refusesAnotherSubscription() {
    azure.subscription = "99999999-2222-3333-4444-555555555555";
    assertRefusedOnStaging(
        Map.of("resource_group_name", "rg", "cluster_name", "c"),
        "logged in to subscription 99999999");
  }

  @Test
  void kindUsesTheCurrentContextOnlyWhenItIsTheExpectedOne() throws Exception {
    assertThatThrownBy(
            () ->
                new CredentialsExecutor()
                    .apply(creds(Fixtures.kind()), ctx(Fixtures.kind(), "prod")))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining(
            "current kube context is prod but environment kind expects kind-devsecops");
    StepResult ok =
        new CredentialsExecutor()
            .apply(creds(Fixtures.kind()), ctx(Fixtures.kind(), "kind-devsecops"));
    assertThat(ok).isInstanceOf(StepResult.Unchanged.class);
    assertThat(handedToKube.get()).isEmpty();
  }
}
