package io.github.aksdevsecops.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(List.of(), MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG));
  }

  @Test
  void anUnknownNameFailsNamingWhereItIsUsed() {
    List<Query> queries =
        List.of(
            new Query("d.json: panel \"Errors\" A", "rate(http_server_request_seconds_count[5m])"),
            new Query("r.yaml: alert B", "up == 0 and slo:sli_error:ratio_rate5m > 1"));
    List<String> problems = MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("unknown metric http_server_request_seconds_count"));
    assertTrue(problems.get(0).contains("d.json: panel \"Errors\" A"));
  }

  @Test
  void anUnusedCatalogEntryFails() {
    List<Query> queries = List.of(new Query("r.yaml: alert A", "slo:sli_error:ratio_rate5m > 1"));
    assertEquals(
        List.of("catalog entry up (prometheus) is used by no rule or dashboard"),
        MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG));
  }

  @Test
  void aCatalogEntryTheAppExportsFails() {
    List<Query> queries =
        List.of(new Query("r.yaml: alert A", "up + http_server_requests_seconds_count"));
    Map<String, String> catalog =
        Map.of("up", "prometheus", "http_server_requests_seconds_count", "ingress-nginx");
    assertEquals(
        List.of(
            "catalog entry http_server_requests_seconds_count (ingress-nginx) is exported by the"
                + " app itself"),
        MetricCrossCheck.problems(queries, APP, RECORDS, catalog));
  }

  @Test
  void unreadablePromQlIsAProblemNotASilentPass() {
    List<Query> queries =
        List.of(new Query("r.yaml: alert A", "rate(up[5m]"), new Query("x", "up"));
    List<String> problems = MetricCrossCheck.problems(queries, APP, RECORDS, CATALOG);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("r.yaml: alert A: cannot read PromQL"), problems.get(0));
  }
}
