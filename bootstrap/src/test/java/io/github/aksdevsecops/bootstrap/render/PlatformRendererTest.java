package io.github.aksdevsecops.bootstrap.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.adapters.Digests;
import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm-java renders a chart from a mirror with its CRDs and hooks, the way an install sends it. */
class PlatformRendererTest {
  @TempDir Path root;
  Plan plan;

  @BeforeEach
  void setUp() throws Exception {
    String sha256 = Digests.sha256(TestCharts.packageInto(root.resolve("mirror"), "web", "1.2.3"));
    Files.createDirectories(root.resolve("values"));
    Files.writeString(
        root.resolve("values/web.yaml"),
        "resources:\n  limits: {cpu: 100m, memory: 64Mi}\n  requests: {cpu: 50m, memory: 32Mi}\n");
    Files.writeString(root.resolve("values/web-kind-values.yaml"), "extra:\n  enabled: false\n");
    plan =
        Planner.plan(
            CatalogReader.parse(
                Path.of("catalog.yaml"),
                "components:\n  - id: web\n    helm:\n      repository: example\n"
                    + "      url: https://charts.example.org\n      chart: web\n      version: 1.2.3\n"
                    + "      sha256: {rebuilt: "
                    + sha256
                    + "}\n"
                    + "      release: shop\n      namespace: shop\n      values: values/web.yaml\n"
                    + "      environmentValues: values/web-{env}-values.yaml\n"),
            EnvironmentReader.parse(
                Path.of("kind.yaml"), "name: kind\nkubeContext: k\nkubernetesVersion: \"1.32\"\n"));
  }

  PlatformRender render() throws Exception {
    return new PlatformRenderer(root, Platform.offline(root, Optional.of(root.resolve("mirror"))))
        .render(plan);
  }

  @Test
  void includesCrdsOfEnabledChartsAndInstallHooksButNotTestHooks() throws Exception {
    String yaml = render().steps().get(0).yaml();
    assertThat(yaml)
        .contains("name: widgets.example.com")
        .doesNotContain("gadgets.example.com")
        .contains("name: shop-migrate")
        .contains("\"helm.sh/hook\": pre-install,pre-upgrade")
        .doesNotContain("rendered-helm-hook")
        .doesNotContain("shop-ping")
        .contains("cpu: 100m");
  }

  @Test
  void theSameCommitRendersTheSameBytes() throws Exception {
    render().write(root.resolve("out1"));
    render().write(root.resolve("out2"));
    Path file = root.resolve("out1/01-web.yaml");
    assertThat(file).exists();
    assertThat(Files.readAllBytes(file))
        .isEqualTo(Files.readAllBytes(root.resolve("out2/01-web.yaml")));
    assertThat(Files.readString(file)).startsWith("# web (helm) for environment kind\n");
  }

  @Test
  void anEnabledSubchartBringsItsCrds() throws Exception {
    Files.writeString(root.resolve("values/web-kind-values.yaml"), "extra:\n  enabled: true\n");
    assertThat(render().steps().get(0).yaml()).contains("name: gadgets.example.com");
  }

  @Test
  void writingIntoADirectoryHoldingOtherFilesIsRefused() throws Exception {
    Files.createDirectories(root.resolve("out"));
    Files.writeString(root.resolve("out/notes.txt"), "mine");
    PlatformRender render = render();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> render.write(root.resolve("out")))
        .hasMessageContaining("notes.txt, which is not a render file");
    assertThat(root.resolve("out/notes.txt")).exists();
  }
}
