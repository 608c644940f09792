package io.github.aksdevsecops.bootstrap.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The real-server path: the whole {@code sim} platform applied, re-applied, verified and destroyed
 * by the bootstrap jar against a real kube-apiserver with etcd, its controller manager and
 * scheduler, kwok's three fake nodes and Kyverno's own admission controller, all on loopback
 * (scripts/sim-cluster.sh). Nothing here is a stand-in for the API server; the two named stand-ins
 * of the sim cluster (cert-manager's webhook, Argo CD's finalizers) are in bootstrap/README.md. The
 * tests run in order on one cluster: each builds on the state the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSimIT {
  static final int APPLY_SECONDS = 1800;
  static final List<String> PLATFORM_NAMESPACES =
      List.of("kyverno", "monitoring", "cert-manager", "ingress-nginx", "istio-system", "argocd");

  static Path work;
  static Path copy;
  static SimCluster sim;

  @BeforeAll
  static void startTheClusterOnACopyOfTheRepository() throws Exception {
    assertThat(System.getenv("BOOTSTRAP_CHART_MIRROR"))
        .as("BOOTSTRAP_CHART_MIRROR names the pinned chart archives (scripts/test.sh sets it)")
        .isNotBlank();
    Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    work = Files.createTempDirectory("platform-sim-");
    copy = work.resolve("repo");
    for (String top : List.of("kubernetes", "observability", "infra", "bootstrap/environments")) {
      copyTree(repo.resolve(top), copy.resolve(top));
    }
    Files.copy(repo.resolve("bootstrap/catalog.yaml"), copy.resolve("bootstrap/catalog.yaml"));
    sim = SimCluster.up(repo, work.resolve("cluster"));
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    if (sim != null) {
      sim.close();
    }
    deleteTree(work);
  }

  @Test
  @Order(1)
  void aClusterWhoseContextIsNotTheEnvironmentsIsRefusedBeforeAnyChange() throws Exception {
    Path other = work.resolve("other.kubeconfig");
    Files.writeString(
        other,
        Files.readString(sim.kubeconfig).replace("sim-devsecops", "someone-elses-cluster"),
        StandardCharsets.UTF_8);
    var r = sim.bootstrapWith(other, copy, 300, "apply", "--env", "sim", "--repo", copy.toString());
    assertThat(r.code()).as(r.all()).isEqualTo(3);
    assertThat(r.all()).contains("someone-elses-cluster").contains("sim-devsecops");
    assertThat(sim.kubectl("get", "namespaces", "-o", "name").output())
        .doesNotContain("namespace/kyverno");
  }

  @Test
  @Order(2)
  void anApplyCutOffByTheApiServersDeathResumesWithoutApplyingAnythingTwice() throws Exception {
    Path journal = copy.resolve(".bootstrap/sim.journal.json");
    Path out = work.resolve("apply-killed.json");
    Path err = work.resolve("apply-killed.err");
    Process apply =
        sim.start(
            copy,
            SimCluster.bootstrapCommand(
                "apply", "--env", "sim", "--repo", copy.toString(), "--output", "json"),
            Map.of("KUBECONFIG", sim.kubeconfig.toString()),
            out,
            err);
    List<String> doneBeforeTheKill;
    JsonNode killed;
    try {
      doneBeforeTheKill = waitForDoneSteps(journal, 6, Duration.ofMinutes(15));
      sim.kill("kube-apiserver");
      boolean ended = apply.waitFor(15, TimeUnit.MINUTES);
      if (!ended) {
        apply.destroyForcibly();
      }
      assertThat(ended).as("apply ends once the API server is gone").isTrue();
      assertThat(apply.exitValue()).as(Files.readString(err)).isEqualTo(1);
      killed = Json.readTree(Files.readString(out));
    } finally {
      var restarted = sim.script(180, "up");
      assertThat(restarted.code()).as(restarted.all()).isZero();
      assertThat(restarted.errors()).contains("restarted (its data kept)");
    }
    List<String> failed = stepsWith(killed, "FAILED");
    assertThat(failed).as("the steps cut off fail with the tool's message").isNotEmpty();
    for (JsonNode step : killed.get("steps")) {
      if (step.get("result").asString().equals("FAILED")) {
        assertThat(step.get("detail").asString()).as(step.toString()).isNotBlank();
      }
    }
    assertThat(journalStatus(journal, failed.get(0))).isEqualTo("FAILED");

    var resumed = apply("--resume");
    assertThat(resumed.code()).as(resumed.all()).isZero();
    JsonNode report = Json.readTree(resumed.output());
    for (JsonNode step : report.get("steps")) {
      String id = step.get("id").asString();
      if (step.get("kind").asString().equals("credentials")) {
        // The credentials step reads the cluster's access on every run; it changes nothing.
        assertThat(step.get("result").asString()).as(id).isEqualTo("unchanged");
      } else if (doneBeforeTheKill.contains(id)) {
        assertThat(step.get("reason").asString())
            .as(id + " was done before the kill and is not applied again")
            .isEqualTo("DONE_BEFORE");
      }
    }
    assertThat(report.get("complete").asBoolean()).isTrue();
    assertThat(sim.kubectl("get", "namespaces", "-o", "name").output())
        .contains(PLATFORM_NAMESPACES.stream().map(n -> "namespace/" + n).toList());
  }

  @Test
  @Order(3)
  void aSecondApplyFindsNothingToChangeOnTheServer() throws Exception {
    var again = apply();
    assertThat(again.code()).as(again.all()).isZero();
    JsonNode report = Json.readTree(again.output());
    assertThat(stepsWith(report, "applied")).as("steps the server says changed").isEmpty();
    assertThat(stepsWith(report, "unchanged")).hasSizeGreaterThan(20);
    assertThat(report.get("nothingChanged").asBoolean()).isTrue();
  }

  @Test
  @Order(4)
  void verifyDecidesAdmissionPodSecurityRbacAndObjectsOnTheRealServer() throws Exception {
    var r =
        sim.bootstrap(
            copy, 900, "verify", "--env", "sim", "--repo", copy.toString(), "--output", "json");
    assertThat(r.code()).as(r.all()).isZero();
    JsonNode report = Json.readTree(r.output());
    for (String id :
        List.of(
            "admission.privileged",
            "admission.privilege-escalation",
            "admission.image-digest",
            "admission.registry",
            "admission.requests-limits",
            "admission.run-as-non-root",
            "pod-security.host-access",
            "rbac.human-access",
            "platform.objects")) {
      assertThat(probe(report, id).get("result").asString())
          .as(id + ": " + probe(report, id))
          .isEqualTo("PASS");
    }
    assertThat(probe(report, "admission.privileged").get("evidence").toString())
        .as("refused by Kyverno's own admission controller, naming policy and rule")
        .contains("disallow-privilege-escalation")
        .contains("no-privileged");
    for (String id :
        List.of(
            "network.dns", "mesh.strict-mtls", "runtime.falco", "gitops.appproject-destinations")) {
      assertThat(probe(report, id).get("reason").asString()).as(id).isEqualTo("SIMULATED_NODES");
    }
  }

  @Test
  @Order(5)
  void verifyFailsWhenTheClusterGrantsPeopleMoreThanTheirRole() throws Exception {
    var granted =
        sim.kubectl(
            "create",
            "clusterrolebinding",
            "sim-extra-rights",
            "--clusterrole=edit",
            "--group=platform-team");
    assertThat(granted.code()).as(granted.all()).isZero();
    try {
      var r =
          sim.bootstrap(
              copy,
              600,
              "verify",
              "--env",
              "sim",
              "--repo",
              copy.toString(),
              "--only",
              "rbac.human-access",
              "--output",
              "json");
      assertThat(r.code()).as(r.all()).isEqualTo(1);
      assertThat(probe(Json.readTree(r.output()), "rbac.human-access").get("evidence").toString())
          .contains("platform-team may create pods although the role does not grant it");
    } finally {
      sim.kubectl("delete", "clusterrolebinding", "sim-extra-rights");
    }
  }

  @Test
  @Order(6)
  void aManifestTheServerRejectsFailsItsStepNamingObjectAndFileAndStopsLaterSteps()
      throws Exception {
    Path base = copy.resolve("kubernetes/overlays/sim/base/kustomization.yaml");
    String original = Files.readString(base);
    Files.writeString(
        base, original.replace("kubernetes.io/no-provisioner", "example.com/another-provisioner"));
    try {
      var r = apply();
      assertThat(r.code()).as(r.all()).isEqualTo(1);
      JsonNode report = Json.readTree(r.output());
      JsonNode step = step(report, "base");
      assertThat(step.get("result").asString()).isEqualTo("FAILED");
      assertThat(step.get("detail").asString())
          .contains("StorageClass managed-csi-premium of kubernetes/overlays/sim/base")
          .contains("the API server refused it")
          .contains("provisioner");
      assertThat(step(report, "kyverno-policies").get("reason").asString())
          .isEqualTo("PREREQUISITE_UNFINISHED");
      assertThat(stepsWith(report, "applied")).isEmpty();
    } finally {
      Files.writeString(base, original);
    }
  }

  @Test
  @Order(7)
  void destroyRemovesEveryReleaseObjectAndCrdAndASecondDestroyIsANoOp() throws Exception {
    var r =
        sim.bootstrap(
            copy,
            APPLY_SECONDS,
            "destroy",
            "--env",
            "sim",
            "--repo",
            copy.toString(),
            "--output",
            "json");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(stepsWith(Json.readTree(r.output()), "FAILED")).isEmpty();
    String namespaces = sim.kubectl("get", "namespaces", "-o", "name").output();
    for (String ns : PLATFORM_NAMESPACES) {
      assertThat(namespaces).doesNotContain("namespace/" + ns + "\n");
    }
    assertThat(sim.kubectl("get", "crd", "-o", "name").output()).as("CRDs left").isBlank();
    assertThat(
            sim.kubectl(
                    "get",
                    "validatingwebhookconfigurations,mutatingwebhookconfigurations",
                    "-o",
                    "name")
                .output())
        .as("webhook configurations left")
        .isBlank();

    var again =
        sim.bootstrap(
            copy, 600, "destroy", "--env", "sim", "--repo", copy.toString(), "--output", "json");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(stepsWith(Json.readTree(again.output()), "applied"))
        .as("a second destroy removes nothing")
        .isEmpty();
  }

  private static SimCluster.Result apply(String... more) throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of("apply", "--env", "sim", "--repo", copy.toString(), "--output", "json"));
    args.addAll(List.of(more));
    return sim.bootstrap(copy, APPLY_SECONDS, args.toArray(String[]::new));
  }

  private static List<String> stepsWith(JsonNode report, String result) {
    List<String> ids = new ArrayList<>();
    for (JsonNode step : report.get("steps")) {
      if (step.get("result").asString().equals(result)) {
        ids.add(step.get("id").asString());
      }
    }
    return ids;
  }

  private static JsonNode step(JsonNode report, String id) {
    for (JsonNode step : report.get("steps")) {
      if (step.get("id").asString().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + report);
  }

  private static JsonNode probe(JsonNode report, String id) {
    for (JsonNode probe : report.get("probes")) {
      if (probe.get("id").asString().equals(id)) {
        return probe;
      }
    }
    throw new AssertionError("no probe " + id + " in " + report);
  }

  /** Waits until the journal records at least {@code count} steps done; returns their ids. */
  private static List<String> waitForDoneSteps(Path journal, int count, Duration patience)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(journal)) {
        List<String> done = new ArrayList<>();
        try {
          Json.readTree(Files.readString(journal))
              .get("steps")
              .properties()
              .forEach(
                  e -> {
                    if (e.getValue().get("status").asString().equals("DONE")) {
                      done.add(e.getKey());
                    }
                  });
        } catch (RuntimeException partlyWritten) {
          // the journal is replaced atomically; a read racing the rename tries again
        }
        if (done.size() >= count) {
          return done;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + count + " steps done within " + patience);
  }

  private static String journalStatus(Path journal, String step) throws IOException {
    return Json.readTree(Files.readString(journal)).get("steps").get(step).get("status").asString();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
