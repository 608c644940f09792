package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import io.github.aksdevsecops.bootstrap.verify.probes.Probes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * verify through the one CLI factory against this repository's kind environment and fabric8's mock
 * server in expectation mode: help, the guard, exit codes, JSON, and the namespace removed.
 */
@EnableKubernetesMockClient
class VerifyCommandTest {
  KubernetesMockServer server;
  KubernetesClient client;
  String context = "kind-devsecops";
  String repo = Cli.repoRoot().toString();

  @BeforeEach
  void cluster() {
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("32").withGitVersion("v1.32.2").build());
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces")
        .andReturn(
            201,
            new NamespaceBuilder().withNewMetadata().withName("verify-x").endMetadata().build())
        .always();
  }

  Cli.Run verify(KubernetesClient to, String... args) {
    return Cli.run(
        Cli.repoRoot(),
        "",
        (env, root) ->
            new Platform(ProcessRunner.fromSystem(), null, KubeGateway.of(to, context), null, null),
        args);
  }

  Cli.Run verify(String... args) {
    return verify(client, args);
  }

  List<String> requests() throws InterruptedException {
    List<String> seen = new ArrayList<>();
    int n = server.getRequestCount();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = server.takeRequest();
      seen.add(r.getMethod() + " " + r.getPath());
    }
    return seen;
  }

  @Test
  void helpListsEveryProbeWithItsControl() {
    Cli.Run run = Cli.run(Cli.repoRoot(), "verify", "--help");
    assertThat(run.code()).isZero();
    Probes.standard()
        .forEach(
            p -> assertThat(run.out()).contains(p.id()).contains(p.control().substring(0, 20)));
  }

  @Test
  void anUnknownProbeIdIsInvalidInput() {
    Cli.Run run = verify("verify", "--env", "kind", "--repo", repo, "--only", "admission.nope");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--only: unknown probe id admission.nope");
  }

  @Test
  void refusesAClusterThatIsNotTheEnvironmentsAndCreatesNothing() throws Exception {
    context = "someone-elses-cluster";
    Cli.Run run = verify("verify", "--env", "kind", "--repo", repo);
    assertThat(run.code()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
    assertThat(run.out())
        .contains("FAIL kube context")
        .contains("environment wants kind-devsecops");
    assertThat(requests()).noneMatch(r -> r.startsWith("POST"));
  }

  @Test
  void anUnreachableClusterIsUnexpectedState() {
    Config dead =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://127.0.0.1:1")
            .withConnectionTimeout(500)
            .withRequestTimeout(500)
            .withRequestRetryBackoffLimit(0)
            .build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(dead).build()) {
      Cli.Run run = verify(unreachable, "verify", "--env", "kind", "--repo", repo);
      assertThat(run.code()).isEqualTo(ExitCodes.UNEXPECTED_STATE);
      assertThat(run.err()).contains("kubernetes version (cluster unreachable");
    }
  }

  @Test
  void onlySkippedProbesExitZeroAndTheNamespaceIsDeleted() throws Exception {
    Cli.Run run =
        verify("verify", "--env", "kind", "--repo", repo, "--only", "runtime.falco,secrets.mounts");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("ok   kube context")
        .contains("[ 1/2] runtime.falco: SKIPPED")
        .containsPattern(
            "verify --env kind: 0 passed, 0 failed, 2 skipped; namespace verify-[a-z0-9]{8} deleted");
    assertThat(requests()).anyMatch(r -> r.matches("DELETE /api/v1/namespaces/verify-[a-z0-9]{8}"));
  }

  @Test
  void aFailedProbeExitsOneWithItsEvidenceInTheJson() throws Exception {
    Cli.Run run =
        verify(
            "verify",
            "--env",
            "kind",
            "--repo",
            repo,
            "--only",
            "admission.registry,runtime.falco",
            "--output",
            "json");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.STEP_FAILED);
    JsonNode report = Json.readTree(run.out());
    assertThat(report.path("environment").asString()).isEqualTo("kind");
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("failed").asInt()).isEqualTo(1);
    assertThat(report.path("probeImage").asString()).startsWith("kind.local/verify-probe@sha256:");
    JsonNode registry = report.path("probes").path(0);
    assertThat(registry.path("id").asString()).isEqualTo("admission.registry");
    assertThat(registry.path("control").asString()).contains("restrict-image-registries");
    assertThat(registry.path("result").asString()).isEqualTo("FAIL");
    assertThat(registry.path("evidence").path(0).asString())
        .contains("not by restrict-image-registries");
    JsonNode falco = report.path("probes").path(1);
    assertThat(falco.path("result").asString()).isEqualTo("SKIPPED");
    assertThat(falco.path("reason").asString()).isEqualTo("COMPONENT_DISABLED");
    assertThat(requests()).anyMatch(r -> r.matches("DELETE /api/v1/namespaces/verify-[a-z0-9]{8}"));
  }

  @Test
  void timingsOutsideTheirRangeAreInvalidInput() {
    Cli.Run run = verify("verify", "--env", "kind", "--repo", repo, "--patience", "0");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("must be between 1 and 3600 seconds, not 0");
  }
}
