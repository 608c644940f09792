package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          up                                                                  | up
          up{job="devsecops-app"} == 0                                        | up
          rate(http_server_requests_seconds_count{status=~"5.."}[5m])        | http_server_requests_seconds_count
          sum by (le) (rate(http_server_requests_seconds_bucket[5m]))        | http_server_requests_seconds_bucket
          sum without (instance, pod) (jvm_memory_used_bytes)                | jvm_memory_used_bytes
          sum(rate(a_total[5m])) by (reason) / sum(rate(b_total[5m]))        | a_total b_total
          slo:sli_error:ratio_rate1h > (14.4 * 0.001)                         | slo:sli_error:ratio_rate1h
          a and on (instance) b or ignoring (job) c unless d                  | a b c d
          a * on (pod) group_left (node) kube_pod_info                        | a kube_pod_info
          x > bool 1                                                          | x
          x offset 1d                                                         | x
          x @ start()                                                         | x
          max_over_time(x[30d:5m])                                            | x
          histogram_quantile(0.99, sum by (le) (rate(h_bucket[$__rate_interval]))) | h_bucket
          increase(x[${__range}]) / ${__range_s}                             | x
          rate(x[[[interval]]])                                               | x
          label_replace(x, "dst", "$1", "src", "(.*)")                        | x
          count_values("version", build_info)                                 | build_info
          topk(10, sum by (rule) (increase(falco_events_total[24h])))        | falco_events_total
          1e-3 * x + 0x1F - 2.5e+2                                            | x
          (sum(x) or vector(0)) == 0                                          | x
          {__name__="node_load1", instance="a"}                               | node_load1
          x # trailing comment mentioning y                                   | x
          """)
  void findsTheSelectedMetrics(String expr, String expected) {
    assertThat(PromQl.metricNames(expr)).isEqualTo(Set.of(expected.split(" ")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vector(1)", "time() - 3600", "Inf > NaN", "sum by (le) (vector(0))"})
  void findsNothingInExpressionsWithoutSelectors(String expr) {
    assertThat(PromQl.metricNames(expr).isEmpty()).as(expr).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x{job=\"a\",le=\"}\"}", "x{a=\"a \\\" b\"}", "x{a=`}`}"})
  void bracesAndQuotesInsideLabelValuesDoNotEndTheSelector(String expr) {
    assertThat(PromQl.metricNames(expr)).isEqualTo(Set.of("x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rate(x[5m]", "rate(x[5m]))", "x{job=\"a\"", "x{job=\"a}", "rate(x[5m)", "x}"})
  void rejectsBrokenExpressions(String expr) {
    assertThatThrownBy(() -> PromQl.metricNames(expr))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expr);
  }
}
