package io.github.aksdevsecops.bootstrap.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Application sources render and plan treat as Argo CD syncing this repository. */
class ArgoSyncsTest {
  @TempDir Path root;

  static Map<String, Object> application(String name, Map<String, Object> spec) {
    return Map.of(
        "apiVersion",
        "argoproj.io/v1alpha1",
        "kind",
        "Application",
        "metadata",
        Map.of("name", name, "namespace", "argocd"),
        "spec",
        spec);
  }

  @Test
  void onlyKustomizationsOfTheCheckoutAreSynced() throws IOException {
    Files.createDirectories(root.resolve("apps/web/overlay"));
    Files.writeString(root.resolve("apps/web/overlay/kustomization.yaml"), "resources: []\n");
    Files.createDirectories(root.resolve("apps/plain"));
    List<Map<String, Object>> objects =
        List.of(
            application(
                "web",
                Map.of(
                    "source",
                        Map.of("repoURL", "https://example.org/r.git", "path", "apps/web/overlay"),
                    "destination", Map.of("namespace", "web"))),
            // several sources: each of this repository's kustomizations is its own step
            application(
                "multi",
                Map.of(
                    "sources",
                    List.of(
                        Map.of("path", "apps/web/overlay"),
                        Map.of("chart", "redis", "path", "apps/web/overlay"),
                        Map.of("path", "./apps/web/../web/overlay")))),
            // a folder without kustomization.yaml, a path outside the checkout, no path at all
            application("plain", Map.of("source", Map.of("path", "apps/plain"))),
            application("outside", Map.of("source", Map.of("path", "../elsewhere"))),
            application("chart", Map.of("source", Map.of("chart", "nginx"))),
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "web")));

    assertThat(ArgoSyncs.of(root, objects))
        .containsExactly(
            new ArgoSyncs.Sync("argocd-sync-web", "argocd/web", "web", "apps/web/overlay"),
            new ArgoSyncs.Sync("argocd-sync-multi", "argocd/multi", "default", "apps/web/overlay"),
            new ArgoSyncs.Sync(
                "argocd-sync-multi-2", "argocd/multi", "default", "apps/web/overlay"));
  }
}
