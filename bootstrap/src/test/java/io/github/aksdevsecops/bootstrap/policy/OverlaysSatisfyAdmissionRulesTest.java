package io.github.aksdevsecops.bootstrap.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Co-existence: every workload any overlay of the repository renders (the app's included) passes
 * the project's admission rules with the registry of its environment, read from the environment's
 * own rendered Kyverno policy, so what Argo CD syncs is never rejected by what the bootstrap
 * installs.
 */
class OverlaysSatisfyAdmissionRulesTest {

  static Stream<Path> overlays() {
    return RepoPaths.overlays().stream();
  }

  @Test
  void bothEnvironmentsHavePlatformOverlays() {
    assertThat(RepoPaths.overlays())
        .contains(
            RepoPaths.ROOT.resolve("kubernetes/overlays/staging"),
            RepoPaths.ROOT.resolve("kubernetes/overlays/production"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyWorkloadIsAdmissible(Path overlay) {
    String environment = overlay.getFileName().toString();
    String registry = environmentRegistry(environment);
    List<Map<String, Object>> docs = Manifests.parse(Kustomize.render(overlay));
    assertThat(docs).as("documents rendered from " + overlay).isNotEmpty();
    List<String> violations = new ArrayList<>();
    for (Workload w : Manifests.workloads(docs)) {
      assertThat(w.containers()).as(w.id() + " containers").isNotEmpty();
      violations.addAll(AdmissionRules.allViolations(w, registry));
    }
    assertThat(violations)
        .as("admission violations in " + RepoPaths.ROOT.relativize(overlay))
        .isEmpty();
  }

  /** The registry host the environment's rendered restrict-image-registries policy allows. */
  static String environmentRegistry(String environment) {
    Path platform = RepoPaths.ROOT.resolve("kubernetes/overlays").resolve(environment);
    for (Map<String, Object> doc : Manifests.parse(Kustomize.render(platform))) {
      if ("ClusterPolicy".equals(doc.get("kind"))
          && "restrict-image-registries"
              .equals(Manifests.string(doc, "metadata", "name").orElse(""))) {
        Map<String, Object> rule = Manifests.maps(doc, "spec", "rules").get(0);
        Map<String, Object> container =
            Manifests.maps(rule, "validate", "pattern", "spec", "containers").get(0);
        String pattern = container.get("image").toString();
        assertThat(pattern).endsWith("/*");
        return pattern.substring(0, pattern.length() - 2);
      }
    }
    throw new AssertionError("no restrict-image-registries policy in " + platform);
  }

  @Test
  void environmentsUseDifferentRegistries() {
    assertThat(environmentRegistry("staging"))
        .endsWith(".azurecr.io")
        .isNotEqualTo(environmentRegistry("production"));
  }
}
