package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootstrap render} on this repository with the pinned charts from the mirror the test
 * command names: one file per plan step, several environments in one process, clear refusals.
 */
class RenderCommandTest {
  @TempDir Path out;

  static List<String> files(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void severalEnvironmentsRenderEachIntoItsOwnDirectoryOneFilePerStep() throws Exception {
    Cli.Run run = render("kind,staging");

    assertThat(run.code()).as(run.err()).isZero();
    var kindSteps = Cli.embeddedPlan("kind").steps();
    assertThat(files(out.resolve("kind"))).hasSize(kindSteps.size());
    assertThat(run.out())
        .contains("rendered " + kindSteps.size() + " steps of environment kind into");
    // staging's Application brings one more file: what Argo CD syncs, right after the step that
    // delivers the Application
    var stagingSteps = Cli.embeddedPlan("staging").steps();
    List<String> staging = files(out.resolve("staging"));
    assertThat(staging).hasSize(stagingSteps.size() + 1);
    assertThat(run.out())
        .contains(
            "rendered "
                + stagingSteps.size()
                + " steps of environment staging and 1 that Argo CD syncs into");
    int delivering =
        staging.indexOf(
            String.format(
                "%02d-argocd-applications.yaml",
                stagingSteps.stream().map(s -> s.id()).toList().indexOf("argocd-applications")
                    + 1));
    assertThat(delivering).isNotNegative();
    String synced = staging.get(delivering + 1);
    assertThat(synced).endsWith("-argocd-sync-devsecops-app-staging.yaml");
    assertThat(Files.readString(out.resolve("staging").resolve(synced)))
        .startsWith(
            "# argocd-sync-devsecops-app-staging (manifests) for environment staging\n"
                + "# synced by Argo CD (Application argocd/devsecops-app-staging, into namespace"
                + " devsecops-app): bootstrap apply does not send it, destroy does not remove it\n"
                + "# from kubernetes/apps/devsecops-app/overlays/staging\n")
        .contains("kind: Deployment\n")
        .contains("image: acrdevsecopsstg.azurecr.io/devsecops-app@sha256:");
    // apply and destroy run the plan's steps: the synced one is not among them
    assertThat(stagingSteps.stream().map(s -> s.id()))
        .doesNotContain("argocd-sync-devsecops-app-staging");
    // the environments differ where their overlays do: staging's registry is not kind's
    assertThat(all(out.resolve("staging"))).contains("acrdevsecopsstg.azurecr.io");
    assertThat(all(out.resolve("kind"))).doesNotContain("acrdevsecopsstg.azurecr.io");
  }

  /**
   * AKS runs the controller manager, scheduler and etcd outside the cluster and Cilium replaces
   * kube-proxy (kind binds theirs to 127.0.0.1): no environment scrapes them, so none renders their
   * Services and ServiceMonitors or the alerts that would fire by construction on their absence.
   */
  @Test
  void noEnvironmentWatchesControlPlaneComponentsItCannotScrape() throws Exception {
    Cli.Run run = render("kind,staging,production");

    assertThat(run.code()).as(run.err()).isZero();
    for (String env : List.of("kind", "staging", "production")) {
      String rendered = all(out.resolve(env));
      assertThat(rendered).as(env).contains("alert: KubePodNotReady");
      for (String alert :
          List.of(
              "KubeControllerManagerDown",
              "KubeSchedulerDown",
              "KubeProxyDown",
              "etcdMembersDown")) {
        assertThat(rendered).as(env).doesNotContain("alert: " + alert + "\n");
      }
      for (String component :
          List.of("kube-controller-manager", "kube-scheduler", "kube-proxy", "kube-etcd")) {
        assertThat(rendered)
            .as(env)
            .doesNotContain("name: kube-prometheus-stack-" + component + "\n");
      }
    }
  }

  /** render of {@code envs} from this checkout into {@link #out}, charts from the test mirror. */
  Cli.Run render(String envs) throws Exception {
    return Cli.run(
        Cli.repoRoot(),
        "render",
        "--env",
        envs,
        "--out",
        out.toString(),
        "--chart-mirror",
        WholePlatformValidateTest.mirror().toString());
  }

  static String all(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String f : files(dir)) {
      sb.append(Files.readString(dir.resolve(f)));
    }
    return sb.toString();
  }

  @Test
  void anUnknownEnvironmentIsInvalidInputAndWritesNothing() throws Exception {
    Cli.Run run = render("kind,nowhere");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nowhere");
    assertThat(files(out)).isEmpty();
  }

  @Test
  void aDirectoryHoldingOtherFilesIsRefusedNotEmptied() throws Exception {
    Files.writeString(out.resolve("notes.txt"), "mine");

    Cli.Run run = render("kind");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("notes.txt").contains("choose an empty directory");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }
}
