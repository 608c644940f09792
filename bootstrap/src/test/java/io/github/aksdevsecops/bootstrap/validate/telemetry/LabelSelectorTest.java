package io.github.aksdevsecops.bootstrap.validate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  final Map<String, String> labels = Map.of("app", "kyverno", "tier", "admission");

  static Map<String, Object> expression(String key, String operator, String... values) {
    return Map.of(
        "matchExpressions",
        List.of(Map.of("key", key, "operator", operator, "values", List.of((Object[]) values))));
  }

  @Test
  void anEmptySelectorMatchesEverything() {
    assertThat(LabelSelector.matches(Map.of(), labels)).isTrue();
  }

  @Test
  void matchLabelsNeedsEveryPair() {
    assertThat(LabelSelector.matches(Map.of("matchLabels", Map.of("app", "kyverno")), labels))
        .isTrue();
    assertThat(
            LabelSelector.matches(
                Map.of("matchLabels", Map.of("app", "kyverno", "tier", "reports")), labels))
        .isFalse();
  }

  @Test
  void matchExpressionsFollowTheirOperators() {
    assertThat(LabelSelector.matches(expression("tier", "In", "admission", "x"), labels)).isTrue();
    assertThat(LabelSelector.matches(expression("tier", "In", "x"), labels)).isFalse();
    assertThat(LabelSelector.matches(expression("tier", "NotIn", "x"), labels)).isTrue();
    assertThat(LabelSelector.matches(expression("tier", "NotIn", "admission"), labels)).isFalse();
    assertThat(LabelSelector.matches(expression("app", "Exists"), labels)).isTrue();
    assertThat(LabelSelector.matches(expression("zone", "Exists"), labels)).isFalse();
    assertThat(LabelSelector.matches(expression("zone", "DoesNotExist"), labels)).isTrue();
    assertThat(LabelSelector.matches(expression("app", "Typo"), labels)).isFalse();
  }
}
