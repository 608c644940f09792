package io.github.aksdevsecops.bootstrap.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** YAML with file:line in every error, and limits that keep a hostile file from crashing us. */
class YamlFilesTest {
  static final Path FILE = Path.of("values.yaml");

  static Problem problem(String text) {
    try {
      YamlFiles.parse(FILE, text);
    } catch (InvalidInputException e) {
      return e.problems().get(0);
    }
    throw new AssertionError("no problem reported for: " + text);
  }

  @Test
  void deeplyNestedYamlIsRefusedWithItsLineInsteadOfOverflowingTheStack() {
    String flow = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    Problem p = problem("ok: 1\n" + flow);
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).contains("nested deeper than " + YamlFiles.MAX_DEPTH);
  }

  @Test
  void nestingUpToTheLimitIsRead() {
    String text = "a: " + "[".repeat(YamlFiles.MAX_DEPTH - 1) + "]".repeat(YamlFiles.MAX_DEPTH - 1);
    assertThat(YamlFiles.parse(FILE, text)).hasSize(1);
  }

  @Test
  void aBillionLaughsIsRefused() {
    StringBuilder text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      text.append(c).append(": &").append(c).append(" [");
      text.append(("*" + prev + ", ").repeat(9)).append("*").append(prev).append("]\n");
    }
    assertThatThrownBy(() -> YamlFiles.parse(FILE, text.toString()).get(0).entries())
        .isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"a: [b|1|YAML syntax", "a: b\\n  c: d|2|YAML syntax", "a: 'x|1|YAML syntax"})
  void syntaxErrorsNameTheLine(String text, int line, String message) {
    Problem p = problem(text.replace("\\n", "\n"));
    assertThat(p.file()).isEqualTo(FILE);
    assertThat(p.line()).isEqualTo(line);
    assertThat(p.message()).startsWith(message);
  }

  @Test
  void exactlyOneDocumentWhereOneIsExpected() {
    assertThatThrownBy(() -> YamlFiles.parseOne(FILE, "a: 1\n---\nb: 2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected exactly one YAML document, found 2");
  }
}
