package io.github.aksdevsecops.app.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the metric names the rules and dashboards use with the names that exist: exported by the
 * app, defined by a recording rule, or listed in the third-party catalog. Pure, so each rule of the
 * comparison is tested on its own.
 */
final class MetricCrossCheck {

  private MetricCrossCheck() {}

  /**
   * Every problem found, one line each; empty when all is consistent.
   *
   * @param queries the PromQL in use, with where each comes from
   * @param appMetrics the names the running app exports
   * @param recordingRules the names recording rules define
   * @param catalog third-party names, each mapped to its exporter
   */
  static List<String> problems(
      List<ObservabilityAssets.Query> queries,
      Set<String> appMetrics,
      Set<String> recordingRules,
      Map<String, String> catalog) {
    Map<String, Set<String>> usedAt = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (ObservabilityAssets.Query query : queries) {
      try {
        for (String name : PromQl.metricNames(query.expr())) {
          usedAt.computeIfAbsent(name, n -> new TreeSet<>()).add(query.where());
        }
      } catch (IllegalArgumentException e) {
        problems.add(query.where() + ": cannot read PromQL: " + e.getMessage());
      }
    }
    usedAt.forEach(
        (name, where) -> {
          if (!appMetrics.contains(name)
              && !recordingRules.contains(name)
              && !catalog.containsKey(name)) {
            problems.add(
                "unknown metric "
                    + name
                    + " (not exported by the app, not a recording rule, not in"
                    + " observability/metrics-catalog.yaml), used in "
                    + where);
          }
        });
    catalog.forEach(
        (name, owner) -> {
          if (appMetrics.contains(name)) {
            problems.add(
                "catalog entry " + name + " (" + owner + ") is exported by the app itself");
          } else if (!usedAt.containsKey(name)) {
            problems.add(
                "catalog entry " + name + " (" + owner + ") is used by no rule or dashboard");
          }
        });
    return problems;
  }
}
