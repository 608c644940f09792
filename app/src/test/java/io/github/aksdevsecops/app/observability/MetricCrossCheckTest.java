package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.observability.ObservabilityAssets.Query;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricCrossCheckTest {

  private static final Set<String> APP = Set.of("http_server_requests_seconds_count");
  private static final Set<String> RECORDS = Set.of("slo:sli_error:ratio_rate5m");
  private static final Map<String, String> CATALOG = Map.of("up", "prometheus");

  @Test
  void namesFromTheAppRecordingRulesAndCatalogAreKnown() {
    List<Query> queries =
        List.of(
            new Query(
                "r.yaml: record slo:sli_error:ratio_rate5m",
                "rate(http_server_requests_seconds_count[5m])"),
            new Query("r.yaml: alert A", "slo:sli_error:ratio_rate5m > 0.01 and up == 1"));
    assertThat(MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG)).isEmpty();
  }

  @Test
  void anUnknownNameFailsNamingWhereItIsUsed() {
    List<Query> queries =
        List.of(
            new Query("d.json: panel \"Errors\" A", "rate(http_server_request_seconds_count[5m])"),
            new Query("r.yaml: alert B", "up == 0 and slo:sli_error:ratio_rate5m > 1"));
    List<String> problems = MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG);
    assertThat(problems).as(problems.toString()).hasSize(1);
    assertThat(problems.get(0)).contains("unknown metric http_server_request_seconds_count");
    assertThat(problems.get(0)).contains("d.json: panel \"Errors\" A");
  }

  @Test
  void anUnusedCatalogEntryFails() {
    List<Query> queries = List.of(new Query("r.yaml: alert A", "slo:sli_error:ratio_rate5m > 1"));
    assertThat(MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG))
        .isEqualTo(List.of("catalog entry up (prometheus) is used by no rule or dashboard"));
  }

  @Test
  void aCatalogEntryTheAppExportsFails() {
    List<Query> queries =
        List.of(new Query("r.yaml: alert A", "up + http_server_requests_seconds_count"));
    Map<String, String> catalog =
        Map.of("up", "prometheus", "http_server_requests_seconds_count", "ingress-nginx");
    assertThat(MetricCrossCheck.problems(queries, APP, RECORDS, catalog))
        .isEqualTo(
            List.of(
                "catalog entry http_server_requests_seconds_count (ingress-nginx) is exported by the"
                    + " app itself"));
  }

  @Test
  void unreadablePromQlIsAProblemNotASilentPass() {
    List<Query> queries =
        List.of(new Query("r.yaml: alert A", "rate(up[5m]"), new Query("x", "up"));
    List<String> problems = MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG);
    assertThat(problems).as(problems.toString()).hasSize(1);
    assertThat(problems.get(0)).startsWith("r.yaml: alert A: cannot read PromQL");
  }
}
