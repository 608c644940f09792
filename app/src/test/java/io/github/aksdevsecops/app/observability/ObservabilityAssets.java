package io.github.aksdevsecops.app.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the observability assets of the repository: the PromQL of every PrometheusRule the
 * kustomization ships and of every Prometheus panel query in the Grafana dashboards, the recording
 * rules they define, and the third-party metric catalog. Generic YAML/JSON access stays in here.
 */
final class ObservabilityAssets {

  /** One PromQL expression and where it came from (file and rule or panel). */
  record Query(String where, String expr) {}

  private final Path root;

  ObservabilityAssets(Path root) {
    this.root = root;
  }

  /** The repository root: the nearest ancestor of the working directory with observability/. */
  static ObservabilityAssets fromWorkingDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("observability/metrics-catalog.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no observability/metrics-catalog.yaml above " + Path.of("").toAbsolutePath());
    }
    return new ObservabilityAssets(dir);
  }

  /** Expressions of every alerting and recording rule in observability/prometheus. */
  List<Query> ruleQueries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (Map<String, Object> rule : rules(file)) {
        String name =
            rule.containsKey("alert")
                ? "alert " + rule.get("alert")
                : "record " + rule.get("record");
        queries.add(new Query(relative(file) + ": " + name, String.valueOf(rule.get("expr"))));
      }
    }
    return queries;
  }

  /** Names defined by recording rules. */
  Set<String> recordingRules() {
    Set<String> names = new TreeSet<>();
    for (Path file : ruleFiles()) {
      for (Map<String, Object> rule : rules(file)) {
        if (rule.get("record") != null) {
          names.add(String.valueOf(rule.get("record")));
        }
      }
    }
    return names;
  }

  /** PromQL of every panel target whose data source is Prometheus (Loki queries are not PromQL). */
  List<Query> dashboardQueries() {
    List<Query> queries = new ArrayList<>();
    Path dir = root.resolve("observability/grafana/dashboards");
    for (Path file : list(dir, ".json")) {
      Map<String, Object> dashboard = map(load(file));
      for (Object panel : list(dashboard.get("panels"))) {
        panelQueries(relative(file), map(panel), queries);
      }
    }
    return queries;
  }

  /** Metric names of the catalog, each mapped to the component that exports it. */
  Map<String, String> catalog() {
    Path file = root.resolve("observability/metrics-catalog.yaml");
    Map<String, String> owners = new LinkedHashMap<>();
    for (Map.Entry<String, Object> source : map(map(load(file)).get("sources")).entrySet()) {
      for (Object metric : list(map(source.getValue()).get("metrics"))) {
        String previous = owners.put(String.valueOf(metric), source.getKey());
        if (previous != null) {
          throw new IllegalStateException(
              relative(file)
                  + ": "
                  + metric
                  + " is listed under "
                  + previous
                  + " and "
                  + source.getKey());
        }
      }
    }
    return owners;
  }

  private void panelQueries(String file, Map<String, Object> panel, List<Query> queries) {
    for (Object nested : list(panel.get("panels"))) {
      panelQueries(file, map(nested), queries);
    }
    String panelType = dataSourceType(panel.get("datasource"));
    for (Object target : list(panel.get("targets"))) {
      Map<String, Object> t = map(target);
      String type = t.get("datasource") != null ? dataSourceType(t.get("datasource")) : panelType;
      if ("prometheus".equals(type) && t.get("expr") != null) {
        queries.add(
            new Query(
                file + ": panel \"" + panel.get("title") + "\" " + t.get("refId"),
                String.valueOf(t.get("expr"))));
      }
    }
  }

  private static String dataSourceType(Object datasource) {
    return datasource == null ? "prometheus" : String.valueOf(map(datasource).get("type"));
  }

  private List<Path> ruleFiles() {
    Path dir = root.resolve("observability/prometheus");
    List<Path> files = new ArrayList<>();
    for (Object resource : list(map(load(dir.resolve("kustomization.yaml"))).get("resources"))) {
      files.add(dir.resolve(String.valueOf(resource)));
    }
    return files;
  }

  private List<Map<String, Object>> rules(Path file) {
    List<Map<String, Object>> rules = new ArrayList<>();
    Map<String, Object> doc = map(load(file));
    if (!"PrometheusRule".equals(doc.get("kind"))) {
      return rules;
    }
    for (Object group : list(map(doc.get("spec")).get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        rules.add(map(rule));
      }
    }
    return rules;
  }

  private String relative(Path file) {
    return root.relativize(file).toString();
  }

  private static Object load(Path file) {
    try {
      // JSON is YAML: one safe loader reads the rules, the catalog and the dashboards.
      return new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? List.copyOf(l) : List.of();
  }
}
