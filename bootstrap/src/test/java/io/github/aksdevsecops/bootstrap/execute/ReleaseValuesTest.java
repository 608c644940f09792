package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseValuesTest {
  @TempDir Path dir;

  @Test
  void laysFilesOverEachOtherAsHelmDoes() throws Exception {
    Path shared = Files.writeString(dir.resolve("a.yaml"), "a: {b: 1, c: [1, 2]}\nd: x\n");
    Path env = Files.writeString(dir.resolve("b.yaml"), "a: {c: [3]}\ne: 2.50\n");
    Object merged = ReleaseValues.merged(List.of(shared, env));
    assertThat(
            ReleaseValues.same(merged, ReleaseValues.parse("a:\n  b: 1\n  c: [3]\nd: x\ne: 2.5\n")))
        .isTrue();
    assertThat(
            ReleaseValues.same(merged, ReleaseValues.parse("a:\n  b: 2\n  c: [3]\nd: x\ne: 2.5\n")))
        .as("a changed value is a difference")
        .isFalse();
    assertThat(
            ReleaseValues.same(
                merged, ReleaseValues.parse("a:\n  b: 1\n  c: [1, 2]\nd: x\ne: 2.5\n")))
        .as("a list is replaced, not merged")
        .isFalse();
  }

  @Test
  void readsHelmsReportWithItsHeaderAndEmptyValues() {
    assertThat(
            ReleaseValues.same(
                ReleaseValues.parse("USER-SUPPLIED VALUES:\nx: 1\n"), ReleaseValues.parse("x: 1")))
        .isTrue();
    assertThat(ReleaseValues.same(ReleaseValues.merged(List.of()), ReleaseValues.parse("null\n")))
        .isTrue();
  }
}
