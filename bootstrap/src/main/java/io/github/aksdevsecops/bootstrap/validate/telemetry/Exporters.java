package io.github.aksdevsecops.bootstrap.validate.telemetry;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared exports of the platform's workloads ({@code observability/exporters.yaml}): which
 * pods export which metric names, at the version the catalog pins, with the upstream source the
 * names were taken from. A workload's metrics cannot be read without running it, so this file is
 * the reviewable statement the telemetry check joins against the render.
 */
public record Exporters(Path file, List<Exporter> exporters) {
  public static final String FILE = "observability/exporters.yaml";

  /**
   * One exporter. {@code builtIn}: series Prometheus writes itself (no pods, no scrape); otherwise
   * the pods are those of {@code namespace} whose labels include {@code labels}. {@code component}:
   * the catalog component that runs it, so an environment that switches it off expects none of its
   * metrics. {@code appliedOutside}: per environment, a kustomization that a workflow applies
   * instead of bootstrap or Argo CD (read like a delivered Application).
   */
  public record Exporter(
      String name,
      boolean builtIn,
      Optional<String> component,
      String namespace,
      Map<String, String> labels,
      Map<String, String> appliedOutside,
      List<String> metrics,
      int line) {
    public Exporter {
      labels = Map.copyOf(labels);
      appliedOutside = Map.copyOf(appliedOutside);
      metrics = List.copyOf(metrics);
    }
  }

  public Exporters {
    exporters = List.copyOf(exporters);
  }

  /**
   * Reads the file.
   *
   * @throws InvalidInputException naming file:line for an unknown key, a missing field or a metric
   *     declared by two exporters
   */
  public static Exporters read(Path file) {
    YamlNode root = YamlFiles.readOne(file).onlyKeys(List.of("exporters"));
    List<Exporter> result = new ArrayList<>();
    Map<String, String> owner = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (YamlNode e : root.required("exporters").items()) {
      e.onlyKeys(
          List.of(
              "name",
              "description",
              "version",
              "source",
              "component",
              "builtIn",
              "pods",
              "metrics"));
      String name = e.requiredText("name");
      e.requiredText("source");
      boolean builtIn = e.optional("builtIn").map(YamlNode::bool).orElse(false);
      Optional<YamlNode> pods = e.optional("pods");
      if (builtIn == pods.isPresent()) {
        throw e.error("exporter " + name + ": give either builtIn: true or pods, not both or none");
      }
      pods.ifPresent(p -> p.onlyKeys(List.of("namespace", "labels", "appliedOutside")));
      Map<String, String> outside = new LinkedHashMap<>();
      pods.flatMap(p -> p.optional("appliedOutside"))
          .ifPresent(
              a -> a.entries().forEach((env, path) -> outside.put(env, path.relativePath())));
      String namespace = pods.map(p -> p.requiredText("namespace")).orElse(null);
      Map<String, String> labels = pods.map(p -> p.required("labels").textMap()).orElse(Map.of());
      List<String> metrics = new ArrayList<>();
      for (YamlNode m : e.required("metrics").items()) {
        String previous = owner.putIfAbsent(m.text(), name);
        if (previous != null) {
          problems.add(
              m.problem("metric " + m.text() + " is declared by " + previous + " and " + name));
        }
        metrics.add(m.text());
      }
      result.add(
          new Exporter(
              name,
              builtIn,
              e.optionalText("component"),
              namespace,
              labels,
              outside,
              metrics,
              e.line()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Exporters(file, result);
  }

  /** The exporter declaring {@code metric}, if any. */
  public Optional<Exporter> of(String metric) {
    return exporters.stream().filter(e -> e.metrics().contains(metric)).findFirst();
  }
}
