package io.github.aksdevsecops.bootstrap.validate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The three answers the telemetry check takes from an expression, one construct at a time. */
class PromQlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          up                                                                  | up
          up{job="devsecops-app"} == 0                                        | up
          rate(http_server_requests_seconds_count{status=~"5.."}[5m])        | http_server_requests_seconds_count
          sum by (le) (rate(h_bucket[5m]))                                    | h_bucket
          sum without (instance, pod) (jvm_memory_used_bytes)                | jvm_memory_used_bytes
          sum(rate(a_total[5m])) by (reason) / sum(rate(b_total[5m]))        | a_total b_total
          slo:sli_error:ratio_rate1h > (14.4 * 0.001)                         | slo:sli_error:ratio_rate1h
          a and on (instance) b or ignoring (job) c unless d                  | a b c d
          a * on (pod) group_left (node) kube_pod_info                        | a kube_pod_info
          x > bool 1                                                          | x
          x offset 1d                                                         | x
          x @ start()                                                         | x
          x @ 1700000000                                                      | x
          max_over_time(x[30d:5m])                                            | x
          histogram_quantile(0.99, sum by (le) (rate(h_bucket[$__rate_interval]))) | h_bucket
          increase(x[${__range}]) / ${__range_s}                             | x
          rate(x[[[interval]]])                                               | x
          label_replace(x, "dst", "$1", "src", "(.*)")                        | x
          count_values("version", build_info)                                 | build_info
          1e-3 * x + 0x1F - 2.5e+2                                            | x
          {__name__="node_load1", instance="a"}                               | node_load1
          x # a comment that mentions y                                       | x
          absent(up{job="devsecops-app"})                                     | up
          """)
  void findsTheSelectedMetrics(String expr, String expected) {
    assertThat(PromQl.analyse(expr).metrics()).isEqualTo(Set.of(expected.split(" ")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vector(1)", "time() - 3600", "Inf > NaN", "sum by (le) (vector(0))"})
  void findsNoMetricWhereThereIsNoSelector(String expr) {
    assertThat(PromQl.analyse(expr).metrics()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x{job=\"a\",le=\"}\"}", "x{a=\"a \\\" b\"}", "x{a=`}`}"})
  void bracesAndQuotesInLabelValuesDoNotEndTheSelector(String expr) {
    assertThat(PromQl.analyse(expr).metrics()).containsExactly("x");
  }

  @ParameterizedTest(name = "{0} reads {1} back")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          x                                                       | 0s
          rate(x[5m])                                             | 5m
          sum(rate(a[1d])) / sum(rate(b[3d]))                     | 3d
          rate(x[5m] offset 1h)                                   | 65m
          x offset 2h                                             | 2h
          x offset -2h                                            | 0s
          max_over_time(rate(x[5m])[30d:5m])                      | 30d5m
          max_over_time(rate(x[1h])[1d:5m] offset 1d)             | 2d1h
          max_over_time(x[7d:])                                   | 7d
          rate(x[$__rate_interval])                               | 0s
          1 - (slo:sli_error:ratio_rate30d / 0.001)               | 0s
          (sum(rate(e[30d])) or 0 * sum(rate(t[30d]))) / sum(rate(t[30d])) | 30d
          """)
  void readsTheLongestLookback(String expr, String lookback) {
    Duration expected = lookback.equals("0s") ? Duration.ZERO : PromQl.duration(lookback);
    assertThat(PromQl.analyse(expr).lookback()).isEqualTo(expected);
  }

  /** Absent data turned into a number is seen; honest absence is left alone. */
  @ParameterizedTest(name = "{0}: masks absence = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sum(x) or vector(0)|true",
        "(sum(up{job=\"a\"}) or vector(0)) == 0|true",
        "sum(x) or on() vector(1)|true",
        "sum(x) OR vector(0)|true",
        "vector(0)|false",
        "x or y|false",
        "sum(x) or 0 * sum(y)|false",
        "sum(x) or 0 * max(up{job=\"a\"} == 1)|false",
        "absent(x)|false"
      })
  void seesAbsentDataMaskedAsANumberAndLeavesHonestAbsenceAlone(String expr, boolean masks) {
    assertThat(PromQl.analyse(expr).masksAbsence()).isEqualTo(masks);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rate(x[5m]",
        "rate(x[5m]))",
        "x{job=\"a\"",
        "x{job=\"a}",
        "rate(x[5m)",
        "x}",
        "rate(x[five])",
        "x offset"
      })
  void rejectsBrokenExpressionsNamingThem(String expr) {
    assertThatThrownBy(() -> PromQl.analyse(expr))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expr);
  }

  @Test
  void recordsTheJobEachSelectorRequiresByEquality() {
    PromQl.Analysis a =
        PromQl.analyse(
            "rate(x{job=\"a\",le=\"1\"}[5m]) + y{job!=\"b\"} + z{job=~\"c\"} + x{job=\"d\"}"
                + " or 0 * max(up{job=\"e\"} == 1) + {__name__=\"m\", job=\"j\"}");
    assertThat(a.jobs())
        .isEqualTo(java.util.Map.of("x", Set.of("a", "d"), "up", Set.of("e"), "m", Set.of("j")));
    assertThat(a.metrics()).containsExactlyInAnyOrder("x", "y", "z", "up", "m");
  }

  @Test
  void marksTheJobMatchersInsideAbsentAndRegularExpressions() {
    List<PromQl.JobMatch> m =
        PromQl.jobMatches(
            "absent(up{job=\"kube-controller-manager\"} == 1) or up{job=\"a\"} == 0"
                + " or increase((max(x{job=~\".*etcd.*\"}) or 0*absent_over_time(x{job=~\".*etcd.*\"}[5m]))[15m:1m])"
                + " or sum by (job) (rate(y{job!=\"b\"}[5m]))");
    assertThat(m)
        .containsExactly(
            new PromQl.JobMatch("up", "kube-controller-manager", false, true),
            new PromQl.JobMatch("up", "a", false, false),
            new PromQl.JobMatch("x", ".*etcd.*", true, false),
            new PromQl.JobMatch("x", ".*etcd.*", true, true));
  }

  @Test
  void readsPrometheusDurations() {
    assertThat(PromQl.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(PromQl.duration("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(PromQl.duration("1y")).isEqualTo(Duration.ofDays(365));
    assertThat(PromQl.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PromQl.duration("31d")).isEqualTo(Duration.ofDays(31));
    for (String bad : new String[] {"1.5h", "h", "", "30", "1d 2h"}) {
      assertThatThrownBy(() -> PromQl.duration(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
