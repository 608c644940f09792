package io.github.aksdevsecops.bootstrap.assets;

import static io.github.aksdevsecops.bootstrap.model.Refusals.assertRefusedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlNodeTest {
  static YamlNode doc(String text) {
    return YamlFiles.parseOne(Path.of("f.yaml"), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/etc/passwd",
        "../secrets/values.yaml",
        "kubernetes/../../x",
        "a\\\\b",
        "''",
        ".."
      })
  void pathsOutsideTheCheckoutAreRefusedWithTheirLine(String value) {
    YamlNode node = doc("x: 1\nvalues: " + value + "\n");
    assertRefusedAt(
        () -> node.required("values").relativePath(), 2, "must be a path inside the repository");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kubernetes/ingress/values.yaml", "observability/loki", "a..b/c.yaml"})
  void relativePathsInsideAreAccepted(String value) {
    assertThat(doc("values: " + value + "\n").required("values").relativePath()).isEqualTo(value);
  }

  @Test
  void unknownKeysAndDuplicatesAreErrorsAtTheirLine() {
    assertRefusedAt(
        () -> doc("name: a\nnmae: b\n").onlyKeys(List.of("name")), 2, "unknown key 'nmae'");
    assertThatThrownBy(() -> doc("a: 1\nb: 2\na: 3\n").entries())
        .hasMessageContaining("duplicate key 'a'");
  }

  @Test
  void typedAccessorsNameTheOffendingValue() {
    YamlNode node = doc("flag: yes\ncount: three\nlist: 1\n");
    assertThatThrownBy(() -> node.required("flag").bool()).hasMessageContaining("not 'yes'");
    assertThatThrownBy(() -> node.required("count").integer()).hasMessageContaining("'three'");
    assertThatThrownBy(() -> node.required("list").items()).hasMessageContaining("must be a list");
    assertThat(node.optional("absent")).isEmpty();
  }
}
