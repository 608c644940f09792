package io.github.aksdevsecops.bootstrap.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.aksdevsecops.bootstrap.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The run loop against the mock API: skips decided from the repository, FAIL for a probe that
 * throws or overruns, and the sandbox namespace deleted in every case, Ctrl-C included.
 */
@EnableKubernetesMockClient
class VerifierTest {
  KubernetesMockServer server;
  KubernetesClient client;
  MockApi api;
  final List<ProbeOutcome> reported = new ArrayList<>();

  @BeforeEach
  void setUp() {
    api = new MockApi(server, client);
  }

  Verifier verifier(PlatformFacts facts, Timing timing) {
    return new Verifier(client, facts, MockApi.IMAGE, timing, reported::add);
  }

  /** Runs {@code probes} against this repository's kind environment with short timings. */
  Verifier.Run onKind(Probe... probes) {
    return verifier(RepoFacts.of("kind"), MockApi.FAST).run(List.of(probes));
  }

  static Probe probe(String id, Needs needs, Probe.Check check) {
    return new Probe(id, "a control", needs, check);
  }

  static ProbeResult usesProbePod(ProbeContext ctx) throws InterruptedException {
    ctx.sandbox().probe();
    return ProbeResult.pass("never");
  }

  static Probe.Check mustNotRun() {
    return ctx -> {
      throw new AssertionError("a skipped probe ran");
    };
  }

  List<String> namespaceDeletes() throws InterruptedException {
    return api.requests().stream()
        .filter(r -> r.startsWith("DELETE /api/v1/namespaces/verify-"))
        .toList();
  }

  @Test
  void skipsWhatTheEnvironmentSwitchesOffOrDoesNotDeliverWithoutRunningIt() throws Exception {
    PlatformFacts kind = RepoFacts.of("kind");
    Verifier.Run run =
        verifier(kind, MockApi.FAST)
            .run(
                List.of(
                    probe("off", Needs.of("falco"), mustNotRun()),
                    probe("no-service", Needs.of().andService(), mustNotRun()),
                    probe("on", Needs.of("kyverno"), ctx -> ProbeResult.pass("held"))));
    assertThat(run.outcomes())
        .extracting(o -> ProbeResult.label(o.result()))
        .containsExactly("SKIPPED", "SKIPPED", "PASS");
    ProbeResult.Skipped off = (ProbeResult.Skipped) run.outcomes().get(0).result();
    assertThat(off.cause()).isEqualTo(SkipCause.COMPONENT_DISABLED);
    assertThat(off.detail()).startsWith("falco is not part of environment kind");
    ProbeResult.Skipped noService = (ProbeResult.Skipped) run.outcomes().get(1).result();
    assertThat(noService.cause()).isEqualTo(SkipCause.SERVICE_NOT_DELIVERED);
    assertThat(reported).hasSize(3);
    assertThat(run.cleanup()).isEmpty();
    assertThat(namespaceDeletes()).containsExactly("DELETE /api/v1/namespaces/" + run.namespace());
  }

  @Test
  void theNamespaceIsLabelledForRemovalAndLetsKyvernoAnswer() throws Exception {
    Verifier.Run run = onKind();
    assertThat(run.namespace()).matches("verify-[a-z0-9]{8}");
    MockApi.Request create =
        api.recorded().stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/namespaces"))
            .findFirst()
            .orElseThrow();
    JsonNode labels = Json.readTree(create.body()).path("metadata").path("labels");
    assertThat(labels.path(Sandbox.REMOVE_LABEL).asString()).isEqualTo("true");
    assertThat(labels.path(Sandbox.RUN_LABEL).asString())
        .isEqualTo(run.namespace().substring("verify-".length()));
    assertThat(labels.path("pod-security.kubernetes.io/enforce").asString())
        .isEqualTo("privileged");
  }

  @Test
  void aProbeThatThrowsFailsWithItsMessageAndTheNamespaceIsStillDeleted() throws Exception {
    Verifier.Run run =
        onKind(
            probe(
                "boom",
                Needs.of(),
                ctx -> {
                  throw new IllegalStateException("Prometheus answered 503");
                }),
            probe("after", Needs.of(), ctx -> ProbeResult.pass("still ran")));
    assertThat(run.outcomes().get(0).result())
        .isEqualTo(new ProbeResult.Fail(List.of("Prometheus answered 503")));
    assertThat(run.outcomes().get(1).result()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(namespaceDeletes()).hasSize(1);
  }

  @Test
  void aProbeThatOverrunsItsTimeoutFails() throws Exception {
    Timing short1 =
        new Timing(
            Duration.ofMillis(300),
            Duration.ofMillis(100),
            Duration.ofMillis(10),
            Duration.ofMillis(100));
    Verifier.Run run =
        verifier(RepoFacts.of("kind"), short1)
            .run(
                List.of(
                    probe(
                        "slow",
                        Needs.of(),
                        ctx -> {
                          Thread.sleep(60_000);
                          return ProbeResult.pass("never");
                        })));
    assertThat(run.outcomes().get(0).result().evidence().get(0)).startsWith("timed out after");
    assertThat(run.outcomes().get(0).took()).isLessThan(Duration.ofSeconds(30));
    assertThat(namespaceDeletes()).hasSize(1);
  }

  @Test
  void cancellingRemovesTheSandboxAtOnceAndStopsTheRun() throws Exception {
    List<Verifier> self = new ArrayList<>();
    Verifier verifier = verifier(RepoFacts.of("kind"), MockApi.FAST);
    self.add(verifier);
    Verifier.Run run =
        verifier.run(
            List.of(
                probe(
                    "interrupted",
                    Needs.of(),
                    ctx -> {
                      // As the Ctrl-C hook does: from another thread, while the probe runs.
                      Thread hook = new Thread(() -> self.get(0).cancel());
                      hook.start();
                      Thread.sleep(60_000);
                      return ProbeResult.pass("never");
                    }),
                probe("later", Needs.of(), mustNotRun())));
    assertThat(run.outcomes().get(0).result().evidence()).containsExactly("cancelled while it ran");
    assertThat(run.outcomes().get(1).result().evidence())
        .containsExactly("cancelled before it started");
    assertThat(namespaceDeletes()).hasSize(1);
  }

  @Test
  void cleanupsOutsideTheNamespaceRunAndTheirFailuresAreReported() throws Exception {
    List<String> cleaned = new ArrayList<>();
    Verifier.Run run =
        onKind(
            probe(
                "leaves-things",
                Needs.of(),
                ctx -> {
                  ctx.sandbox().onClose(() -> cleaned.add("application"));
                  ctx.sandbox()
                      .onClose(
                          () -> {
                            throw new IllegalStateException("argocd unreachable");
                          });
                  return ProbeResult.pass("ok");
                }));
    assertThat(cleaned).containsExactly("application");
    assertThat(run.cleanup()).containsExactly("cleanup failed: argocd unreachable");
    assertThat(namespaceDeletes()).hasSize(1);
  }

  @Test
  void aProbePodTheClusterRefusesFailsEveryProbeThatNeedsItWithTheReason() throws Exception {
    Verifier.Run run =
        onKind(
            probe("a", Needs.of().fromPod(), VerifierTest::usesProbePod),
            probe("b", Needs.of().fromPod(), VerifierTest::usesProbePod));
    for (ProbeOutcome o : run.outcomes()) {
      assertThat(o.result()).isInstanceOf(ProbeResult.Fail.class);
      assertThat(o.result().evidence().get(0))
          .startsWith(
              "probe Pod verify-probe (" + MockApi.IMAGE.reference() + ") was not admitted");
    }
    assertThat(
            api.requests().stream()
                .filter(r -> r.equals("POST /api/v1/namespaces/" + run.namespace() + "/pods")))
        .hasSize(1);
  }
}
