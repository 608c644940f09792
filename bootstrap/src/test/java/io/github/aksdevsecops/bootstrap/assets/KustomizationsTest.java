package io.github.aksdevsecops.bootstrap.assets;

import static io.github.aksdevsecops.bootstrap.model.Refusals.assertRefusedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizationsTest {
  @TempDir Path outside;

  Path write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void followsBasesAndAppliesTheNamespace() throws Exception {
    Path repo = outside.resolve("repo");
    write(repo.resolve("base/kustomization.yaml"), "resources: [cm.yaml]\n");
    write(repo.resolve("base/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    write(repo.resolve("overlay/kustomization.yaml"), "namespace: shop\nresources: [../base]\n");
    var objects = Kustomizations.objects(repo, repo.resolve("overlay"));
    assertThat(objects).singleElement().extracting(KubeObject::namespace).isEqualTo("shop");
  }

  @Test
  void aResourceOutsideTheRepositoryIsRefusedAtItsLine() throws Exception {
    Path repo = outside.resolve("repo");
    write(outside.resolve("elsewhere/kustomization.yaml"), "resources: []\n");
    write(
        repo.resolve("k/kustomization.yaml"), "namespace: shop\nresources:\n  - ../../elsewhere\n");
    assertRefusedAt(
        () -> Kustomizations.objects(repo, repo.resolve("k")),
        3,
        "'../../elsewhere' lies outside the repository");
  }

  @Test
  void remoteResourcesAndCyclesAreRefused() throws Exception {
    Path repo = outside.resolve("repo");
    write(repo.resolve("a/kustomization.yaml"), "resources: [../b, https://example.com/x.yaml]\n");
    write(repo.resolve("b/kustomization.yaml"), "resources: [../a]\n");
    assertThatThrownBy(() -> Kustomizations.objects(repo, repo.resolve("a")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.message())
                    .anyMatch(m -> m.contains("cycle"))
                    .anyMatch(m -> m.contains("remote resource")));
  }
}
