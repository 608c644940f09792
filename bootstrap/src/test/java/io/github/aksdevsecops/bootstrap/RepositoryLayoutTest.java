package io.github.aksdevsecops.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository layout is part of the product: forks and the bootstrap catalog rely on it. */
class RepositoryLayoutTest {

  static final List<String> REQUIRED_FOLDERS =
      List.of(
          "app",
          "bootstrap",
          "infra/terraform/aks",
          "infra/terraform/security",
          "infra/terraform/monitoring",
          "kubernetes/base",
          "kubernetes/security/kyverno/policies",
          "kubernetes/security/falco",
          "kubernetes/security/network-policies",
          "kubernetes/service-mesh/istio",
          "kubernetes/cert-manager",
          "kubernetes/ingress",
          "kubernetes/argocd",
          "observability/prometheus",
          "observability/alertmanager",
          "observability/fluent-bit",
          "observability/loki",
          "observability/tempo",
          "observability/otel-collector",
          "observability/grafana/dashboards",
          "security/semgrep",
          "security/trivy",
          ".github/workflows",
          "scripts");

  static final List<String> TOP_LEVEL_WITH_README =
      List.of("app", "bootstrap", "infra", "kubernetes", "observability", "security", "scripts");

  static Path repoRoot() {
    return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  }

  @Test
  void everyRequiredFolderExists() {
    Path root = repoRoot();
    assertThat(REQUIRED_FOLDERS)
        .as("folders missing under %s", root)
        .filteredOn(folder -> !Files.isDirectory(root.resolve(folder)))
        .isEmpty();
  }

  @Test
  void everyTopLevelFolderHasAReadme() {
    Path root = repoRoot();
    assertThat(TOP_LEVEL_WITH_README)
        .as("top-level folders without README.md")
        .filteredOn(folder -> !Files.isRegularFile(root.resolve(folder).resolve("README.md")))
        .isEmpty();
  }

  @Test
  void requiredFoldersAreNotEmpty() throws Exception {
    Path root = repoRoot();
    for (String folder : REQUIRED_FOLDERS) {
      try (Stream<Path> entries = Files.list(root.resolve(folder))) {
        assertThat(entries.findAny()).as("%s holds no file", folder).isPresent();
      }
    }
  }
}
