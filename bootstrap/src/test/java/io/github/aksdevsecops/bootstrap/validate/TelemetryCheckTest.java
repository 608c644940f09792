package io.github.aksdevsecops.bootstrap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two rules of the telemetry check that the whole-platform tests do not break one by one. */
class TelemetryCheckTest {

  static Map<String, Object> endpoint(Map<String, Object> relabel) {
    return Map.of("metricRelabelings", List.of(relabel));
  }

  @Test
  void aDropOnTheMetricNameRemovesOnlyTheNamesItsRegexMatchesWhole() {
    Map<String, Object> ep =
        endpoint(
            Map.of(
                "action",
                "drop",
                "sourceLabels",
                List.of("__name__"),
                "regex",
                "jvm_threads_states_threads|logback_events_total"));
    assertThat(TelemetryCheck.drops(ep, "logback_events_total")).isTrue();
    assertThat(TelemetryCheck.drops(ep, "logback_events_total_extra")).isFalse();
    assertThat(TelemetryCheck.drops(ep, "http_server_requests_seconds_count")).isFalse();
  }

  @Test
  void aKeepOnTheMetricNameRemovesEverythingElse() {
    Map<String, Object> ep =
        endpoint(Map.of("action", "keep", "sourceLabels", List.of("__name__"), "regex", "up|x_.*"));
    assertThat(TelemetryCheck.drops(ep, "x_total")).isFalse();
    assertThat(TelemetryCheck.drops(ep, "y_total")).isTrue();
  }

  @Test
  void relabellingsOnOtherLabelsOrWithoutAnActionThatRemovesDoNotDropNames() {
    assertThat(
            TelemetryCheck.drops(
                endpoint(Map.of("action", "drop", "sourceLabels", List.of("pod"), "regex", ".*")),
                "x"))
        .isFalse();
    assertThat(
            TelemetryCheck.drops(
                endpoint(
                    Map.of(
                        "sourceLabels", List.of("__name__"), "targetLabel", "n", "regex", "(.*)")),
                "x"))
        .isFalse();
    assertThat(TelemetryCheck.drops(Map.of(), "x")).isFalse();
  }

  @Test
  void retentionIsTheTimeLimitOrTheOperatorsDefaultOrUnboundedUnderASizeLimitAlone() {
    assertThat(TelemetryCheck.retention(Map.of("retention", "31d", "retentionSize", "90GB")))
        .isEqualTo(Duration.ofDays(31));
    assertThat(TelemetryCheck.retention(Map.of())).isEqualTo(Duration.ofHours(24));
    assertThat(TelemetryCheck.retention(Map.of("retentionSize", "90GB")))
        .isGreaterThan(Duration.ofDays(3650));
  }

  @Test
  void theJobIsTheServicesNameUnlessARelabellingSetsItLiterally() {
    assertThat(TelemetryCheck.jobOf(Map.of(), "web")).contains("web");
    Map<String, Object> literal =
        Map.of(
            "relabelings",
            List.of(Map.of("action", "replace", "targetLabel", "job", "replacement", "app")));
    assertThat(TelemetryCheck.jobOf(literal, "web")).contains("app");
    Map<String, Object> derived =
        Map.of(
            "relabelings",
            List.of(
                Map.of(
                    "sourceLabels",
                    List.of("__meta_kubernetes_pod_label_app"),
                    "targetLabel",
                    "job")));
    assertThat(TelemetryCheck.jobOf(derived, "web")).isEmpty();
    Map<String, Object> other =
        Map.of(
            "relabelings",
            List.of(Map.of("action", "replace", "targetLabel", "version", "replacement", "1")));
    assertThat(TelemetryCheck.jobOf(other, "web")).contains("web");
  }
}
