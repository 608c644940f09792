package io.github.aksdevsecops.app.observability;

import java.util.Set;
import java.util.TreeSet;

/** Metric names of a Prometheus text-format exposition (the sample lines, not # comments). */
final class PrometheusText {

  private PrometheusText() {}

  static Set<String> metricNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n", -1)) {
      String sample = line.strip();
      if (sample.isEmpty() || sample.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < sample.length() && sample.charAt(end) != '{' && sample.charAt(end) != ' ') {
        end++;
      }
      names.add(sample.substring(0, end));
    }
    return names;
  }
}
