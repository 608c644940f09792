package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Kustomizations;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.validate.telemetry.Exporters;
import io.github.aksdevsecops.bootstrap.validate.telemetry.LabelSelector;
import io.github.aksdevsecops.bootstrap.validate.telemetry.PromQl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every signal the platform's own rules and dashboards read must flow, and every rule must be able
 * to see as far back as it looks. For each metric a repository PrometheusRule or Grafana dashboard
 * uses: it is a recording rule of the render, or {@code observability/exporters.yaml} names the
 * exporter, that exporter's pods are in the render (Argo CD's syncs of this repository's
 * Applications included), and a ServiceMonitor or PodMonitor that a Prometheus of the render
 * selects scrapes them without dropping the metric; a selector's {@code job="x"} must be a job
 * those scrapes produce (the Service's name, its jobLabel, or a literal relabelling; for {@code
 * up}, any scrape of the render). For every PrometheusRule of the render (charts' included): a
 * Prometheus selects it, and no rule reads further back (range, subquery, offset) than that
 * Prometheus keeps (spec.retention; the operator's 24h when neither retention nor retentionSize is
 * set). {@code or vector(n)} in a repository rule or panel is reported: it turns "no data" into a
 * reassuring number. Rules that charts ship are matched to their exporters upstream and are not
 * joined here; static scrape configs (additionalScrapeConfigs, ScrapeConfig) are not read, so a
 * metric scraped only through them is reported.
 */
final class TelemetryCheck implements PlatformCheck {
  private static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  /** A rendered or Argo CD-delivered object with the namespace it will live in. */
  private record Obj(String kind, String namespace, Map<String, Object> content) {
    Map<String, Object> spec() {
      return Plain.map(content.get("spec"));
    }

    Map<String, String> labels() {
      return LabelSelector.labels(content);
    }

    String name() {
      return String.valueOf(Plain.map(content.get("metadata")).get("name"));
    }
  }

  /**
   * One place a metric is read: {@code job} the value its selector requires of the job label (or
   * null), {@code together} every metric of the same expression.
   */
  private record Use(
      String metric, String job, Set<String> together, Path file, int line, String where) {}

  /**
   * Whether a metric flows: {@code broken} says why not; {@code jobs} the job labels the scrapes
   * that deliver it produce ({@code jobsKnown} false when a relabelling derives one from labels).
   */
  private record Verdict(Optional<String> broken, Set<String> jobs, boolean jobsKnown) {
    static Verdict ok() {
      return new Verdict(Optional.empty(), Set.of(), false);
    }

    static Verdict broken(String why) {
      return new Verdict(Optional.of(why), Set.of(), false);
    }
  }

  /** What the join reads in one environment. */
  private record Join(
      RenderedEnvironment env,
      Path root,
      Exporters exporters,
      List<Obj> pool,
      List<Obj> prometheuses,
      Map<String, Map<String, String>> namespaceLabels) {
    /** The render's objects plus those a workflow applies in this environment for {@code x}. */
    List<Obj> candidates(List<Exporters.Exporter> of) {
      List<Obj> result = new ArrayList<>(pool);
      for (Exporters.Exporter x : of) {
        String outside = null;
        for (String layer : env.environment().layers()) {
          outside = x.appliedOutside().getOrDefault(layer, outside);
        }
        if (outside != null) {
          result.addAll(objectsOf(root, root.resolve(outside).normalize(), x.namespace()));
        }
      }
      return result;
    }
  }

  /** One endpoint that scrapes a pod, with the job label its targets get (empty: not static). */
  private record Scrape(Map<String, Object> endpoint, Optional<String> job) {}

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    List<Problem> problems = new ArrayList<>();
    Path exportersFile = repository.root().resolve(Exporters.FILE);
    // Without the file every metric a rule or panel reads is reported as exported by nothing; a
    // checkout whose rules and dashboards read no metric needs none.
    Exporters exporters;
    try {
      exporters = exporters(exportersFile);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    Set<String> components = new TreeSet<>();
    repository.catalog().ifPresent(c -> c.components().forEach(x -> components.add(x.id())));
    for (Exporters.Exporter e : exporters.exporters()) {
      if (e.component().isPresent() && !components.contains(e.component().get())) {
        problems.add(
            new Problem(
                exportersFile,
                e.line(),
                "exporter "
                    + e.name()
                    + ": component '"
                    + e.component().get()
                    + "' is not in the catalog"));
      }
    }
    List<Obj> pool = pool(env);
    List<Obj> prometheuses = pool.stream().filter(o -> o.kind().equals("Prometheus")).toList();
    Map<String, Map<String, String>> namespaceLabels = namespaceLabels(pool);
    List<Use> uses = new ArrayList<>();
    Set<String> recorded = new TreeSet<>();
    for (RenderedObject o : env.objects()) {
      if (o.isKind("PrometheusRule")) {
        rules(o, env, prometheuses, namespaceLabels, uses, recorded, problems);
      } else if (o.isKind("ConfigMap") && fromRepository(o)) {
        dashboards(o, env, uses, problems);
      }
    }
    Join join = new Join(env, repository.root(), exporters, pool, prometheuses, namespaceLabels);
    Map<String, Verdict> verdicts = new HashMap<>();
    for (Use use : uses) {
      if (recorded.contains(use.metric())) {
        continue;
      }
      Verdict verdict = verdicts.computeIfAbsent(use.metric(), m -> flows(m, join));
      Optional<String> why = verdict.broken();
      boolean switchedOff =
          use.together().stream()
              .map(exporters::of)
              .flatMap(Optional::stream)
              .anyMatch(
                  x ->
                      x.component().isPresent() && !env.environment().enables(x.component().get()));
      if (why.isEmpty()
          && use.job() != null
          && verdict.jobsKnown()
          && !switchedOff
          && !verdict.jobs().contains(use.job())) {
        why =
            Optional.of(
                "is selected with job=\""
                    + use.job()
                    + "\" but the scrapes that deliver it produce job "
                    + verdict.jobs());
      }
      why.ifPresent(
          w ->
              problems.add(
                  new Problem(
                      use.file(),
                      use.line(),
                      "["
                          + env.name()
                          + "] "
                          + use.where()
                          + ": metric "
                          + use.metric()
                          + " "
                          + w)));
    }
    return problems;
  }

  /**
   * The job labels the render's scrapes produce (ServiceMonitors and PodMonitors a Prometheus of
   * the render selects, as {@code up} carries them); {@code complete} is false when a relabelling
   * derives a job from other labels, so a job missing here may still be produced.
   */
  record ScrapedJobs(Set<String> jobs, boolean complete) {}

  /** Pods known besides the render's workloads: their namespace and labels. */
  record PodLabels(String namespace, Map<String, String> labels) {}

  /**
   * The jobs whose scrapes have targets: a Service of the render counts when its selector reaches a
   * workload of the render (or one an Argo CD Application delivers) in its namespace, or one of
   * {@code pods}; a Service without a selector counts (someone else manages its endpoints).
   */
  static ScrapedJobs scrapedJobs(
      Snapshot repository, RenderedEnvironment env, List<PodLabels> pods) {
    Path exportersFile = repository.root().resolve(Exporters.FILE);
    Exporters exporters;
    try {
      exporters = exporters(exportersFile);
    } catch (InvalidInputException e) {
      // reported by the telemetry check; the Argo CD-delivered objects of the render still count
      exporters = new Exporters(exportersFile, List.of());
    }
    List<Obj> pool = pool(env);
    List<Obj> prometheuses = pool.stream().filter(o -> o.kind().equals("Prometheus")).toList();
    Verdict v =
        upJobs(
            new Join(env, repository.root(), exporters, pool, prometheuses, namespaceLabels(pool)),
            (svc, candidates) -> hasPods(svc, candidates, pods));
    return new ScrapedJobs(v.jobs(), v.jobsKnown());
  }

  private static boolean hasPods(Obj svc, List<Obj> candidates, List<PodLabels> pods) {
    Map<String, Object> selector = Plain.map(svc.spec().get("selector"));
    if (selector.isEmpty()) {
      return true;
    }
    java.util.function.Predicate<Map<String, String>> selected =
        labels ->
            selector.entrySet().stream()
                .allMatch(en -> String.valueOf(en.getValue()).equals(labels.get(en.getKey())));
    return candidates.stream()
            .filter(o -> KubeObject.WORKLOAD_KINDS.containsKey(o.kind()))
            .filter(o -> o.namespace().equals(svc.namespace()))
            .anyMatch(o -> selected.test(podLabels(o)))
        || pods.stream()
            .filter(p -> p.namespace().equals(svc.namespace()))
            .anyMatch(p -> selected.test(p.labels()));
  }

  // --- rules -------------------------------------------------------------------------------

  private static void rules(
      RenderedObject o,
      RenderedEnvironment env,
      List<Obj> prometheuses,
      Map<String, Map<String, String>> namespaceLabels,
      List<Use> uses,
      Set<String> recorded,
      List<Problem> problems) {
    String ns = o.namespace();
    Obj rule = new Obj("PrometheusRule", ns, o.content());
    List<Obj> evaluators =
        prometheuses.stream()
            .filter(p -> selects(p, "ruleSelector", "ruleNamespaceSelector", rule, namespaceLabels))
            .toList();
    if (evaluators.isEmpty()) {
      problems.add(o.problem(env.name(), "no Prometheus in the render selects this rule"));
    }
    boolean ours = fromRepository(o);
    List<String> lines = ours ? lines(o.origin()) : List.of();
    for (Object g : Plain.list(rule.spec().get("groups"))) {
      for (Object r : Plain.list(Plain.map(g).get("rules"))) {
        Map<String, Object> ruleMap = Plain.map(r);
        boolean alert = ruleMap.containsKey("alert");
        String name = String.valueOf(alert ? ruleMap.get("alert") : ruleMap.get("record"));
        if (!alert) {
          recorded.add(name);
        }
        String where = (alert ? "alert " : "record ") + name;
        int line =
            ours ? lineOf(lines, o.originLine(), (alert ? "alert: " : "record: ") + name) : 0;
        Path file = o.origin();
        PromQl.Analysis a;
        try {
          a = PromQl.analyse(String.valueOf(ruleMap.get("expr")));
        } catch (IllegalArgumentException e) {
          problems.add(at(file, line, o, env, where + ": cannot read PromQL: " + e.getMessage()));
          continue;
        }
        for (Obj p : evaluators) {
          Duration retention = retention(p.spec());
          if (a.lookback().compareTo(retention) > 0) {
            problems.add(
                at(
                    file,
                    line,
                    o,
                    env,
                    where
                        + " reads "
                        + human(a.lookback())
                        + " back but Prometheus "
                        + p.namespace()
                        + "/"
                        + p.name()
                        + " that evaluates it keeps "
                        + retentionText(p)));
          }
        }
        if (ours) {
          if (a.masksAbsence()) {
            problems.add(at(file, line, o, env, where + ": " + MASKS));
          }
          addUses(a, file, line, where, uses);
        }
      }
    }
  }

  private static void addUses(
      PromQl.Analysis a, Path file, int line, String where, List<Use> uses) {
    for (String m : a.metrics()) {
      Set<String> jobs = a.jobs().getOrDefault(m, Set.of());
      if (jobs.isEmpty()) {
        uses.add(new Use(m, null, a.metrics(), file, line, where));
      }
      for (String job : jobs) {
        uses.add(new Use(m, job, a.metrics(), file, line, where));
      }
    }
  }

  private static final String MASKS =
      "`or vector(...)` turns absent data into a reassuring number; let the series be absent"
          + " and alert on absent() separately";

  private static Problem at(
      Path file, int line, RenderedObject o, RenderedEnvironment env, String m) {
    return line > 0
        ? new Problem(file, line, "[" + env.name() + "] " + m)
        : o.problem(env.name(), m);
  }

  /** Prometheus' time retention; a size limit alone keeps samples for as long as space allows. */
  static Duration retention(Map<String, Object> prometheusSpec) {
    Object retention = prometheusSpec.get("retention");
    if (retention != null && !String.valueOf(retention).isBlank()) {
      return PromQl.duration(String.valueOf(retention));
    }
    Object size = prometheusSpec.get("retentionSize");
    return size != null && !String.valueOf(size).isBlank()
        ? Duration.ofDays(365L * 100)
        : DEFAULT_RETENTION;
  }

  private static String retentionText(Obj prometheus) {
    Object retention = prometheus.spec().get("retention");
    return retention != null && !String.valueOf(retention).isBlank()
        ? retention + " (spec.retention)"
        : "24h (the operator's default: no spec.retention or spec.retentionSize)";
  }

  private static String human(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }

  // --- dashboards --------------------------------------------------------------------------

  private static void dashboards(
      RenderedObject o, RenderedEnvironment env, List<Use> uses, List<Problem> problems) {
    for (Map.Entry<String, Object> data : Plain.map(o.content().get("data")).entrySet()) {
      if (!data.getKey().endsWith(".json")) {
        continue;
      }
      // configMapGenerator: the file sits beside the kustomization the object is traced to.
      Path dir = o.origin().getParent();
      Path file = dir == null ? o.origin() : dir.resolve(data.getKey());
      if (!Files.isRegularFile(file)) {
        file = o.origin();
      }
      YamlNode dashboard;
      try {
        dashboard = YamlFiles.parseOne(file, String.valueOf(data.getValue()));
      } catch (InvalidInputException e) {
        problems.add(o.problem(env.name(), data.getKey() + " is not JSON: " + e.getMessage()));
        continue;
      }
      Path shown = file;
      panels(dashboard, "prometheus")
          .forEach(
              t -> {
                String where = "panel \"" + t.panel + "\" " + t.refId;
                try {
                  PromQl.Analysis a = PromQl.analyse(t.expr);
                  if (a.masksAbsence()) {
                    problems.add(
                        new Problem(shown, t.line, "[" + env.name() + "] " + where + ": " + MASKS));
                  }
                  addUses(a, shown, t.line, where, uses);
                } catch (IllegalArgumentException e) {
                  problems.add(
                      new Problem(
                          shown,
                          t.line,
                          "["
                              + env.name()
                              + "] "
                              + where
                              + ": cannot read PromQL: "
                              + e.getMessage()));
                }
              });
    }
  }

  private record Target(String panel, String refId, String expr, int line) {}

  /** Prometheus targets of every panel, rows' nested panels included. */
  private static List<Target> panels(YamlNode node, String inheritedType) {
    List<Target> result = new ArrayList<>();
    if (!node.isMapping()) {
      return result;
    }
    for (YamlNode panel : node.optional("panels").map(YamlNode::items).orElse(List.of())) {
      if (!panel.isMapping()) {
        continue;
      }
      String type = dataSourceType(panel.optional("datasource"), inheritedType);
      result.addAll(panels(panel, type));
      for (YamlNode t : panel.optional("targets").map(YamlNode::items).orElse(List.of())) {
        if (!t.isMapping() || t.optional("expr").isEmpty()) {
          continue;
        }
        if (dataSourceType(t.optional("datasource"), type).equals("prometheus")) {
          result.add(
              new Target(
                  panel.optionalText("title").orElse("?"),
                  t.optionalText("refId").orElse("?"),
                  t.requiredText("expr"),
                  t.required("expr").line()));
        }
      }
    }
    return result;
  }

  private static String dataSourceType(Optional<YamlNode> datasource, String inherited) {
    if (datasource.isEmpty()) {
      return inherited;
    }
    YamlNode ds = datasource.get();
    if (ds.isMapping()) {
      return ds.optionalText("type").orElse(inherited);
    }
    String name = ds.text().toLowerCase(java.util.Locale.ROOT);
    return name.contains("loki") || name.contains("tempo") ? name : "prometheus";
  }

  // --- the join ----------------------------------------------------------------------------

  /** Whether the metric flows from an exporter to a Prometheus, and under which jobs. */
  private static Verdict flows(String metric, Join join) {
    RenderedEnvironment env = join.env();
    List<Obj> pool = join.pool();
    List<Obj> prometheuses = join.prometheuses();
    Map<String, Map<String, String>> namespaceLabels = join.namespaceLabels();
    Optional<Exporters.Exporter> found = join.exporters().of(metric);
    if (found.isEmpty()) {
      return Verdict.broken(
          "is exported by nothing: no exporter in " + Exporters.FILE + " declares it");
    }
    Exporters.Exporter e = found.get();
    if (e.component().isPresent() && !env.environment().enables(e.component().get())) {
      // The environment file switches the exporter off on purpose: its panels show "No data" there.
      return Verdict.ok();
    }
    if (prometheuses.isEmpty()) {
      return Verdict.broken("comes from " + e.name() + " but the render has no Prometheus");
    }
    if (e.builtIn()) {
      return metric.equals("up") ? upJobs(join) : Verdict.ok();
    }
    List<Obj> candidates = join.candidates(List.of(e));
    List<Obj> pods =
        candidates.stream()
            .filter(o -> KubeObject.WORKLOAD_KINDS.containsKey(o.kind()))
            .filter(o -> o.namespace().equals(e.namespace()))
            .filter(o -> podLabels(o).entrySet().containsAll(e.labels().entrySet()))
            .toList();
    if (pods.isEmpty()) {
      return Verdict.broken(
          "comes from "
              + e.name()
              + ", whose pods (namespace "
              + e.namespace()
              + ", labels "
              + e.labels()
              + ") are not in the render");
    }
    boolean scrapedAtAll = false;
    boolean delivered = false;
    boolean jobsKnown = true;
    Set<String> jobs = new TreeSet<>();
    for (Obj pod : pods) {
      for (Obj monitor : pool) {
        List<Scrape> scrapes =
            switch (monitor.kind()) {
              case "ServiceMonitor" -> serviceMonitorScrapes(monitor, pod, candidates);
              case "PodMonitor" -> podMonitorScrapes(monitor, pod);
              default -> List.of();
            };
        if (scrapes.isEmpty() || !selectedByAPrometheus(monitor, prometheuses, namespaceLabels)) {
          continue;
        }
        scrapedAtAll = true;
        for (Scrape scrape : scrapes) {
          if (!drops(scrape.endpoint(), metric)) {
            delivered = true;
            scrape.job().ifPresent(jobs::add);
            jobsKnown &= scrape.job().isPresent();
          }
        }
      }
    }
    if (delivered) {
      return new Verdict(Optional.empty(), jobs, jobsKnown);
    }
    return Verdict.broken(
        scrapedAtAll
            ? "comes from "
                + e.name()
                + ", but every scrape of its pods drops it (metricRelabelings)"
            : "comes from "
                + e.name()
                + ", but no ServiceMonitor or PodMonitor that a Prometheus selects scrapes its pods"
                + " (namespace "
                + e.namespace()
                + ", labels "
                + e.labels()
                + ")");
  }

  /**
   * The jobs `up` can carry: one per Service a selected ServiceMonitor scrapes, and per workload a
   * selected PodMonitor scrapes. A ServiceMonitor whose Services the render does not hold (the
   * kubelet's, the API server's) contributes the job its selector implies through its jobLabel; one
   * without (e.g. for a component the environment switches off) scrapes nothing.
   */
  private static Verdict upJobs(Join join) {
    return upJobs(join, (service, candidates) -> true);
  }

  /**
   * As {@link #upJobs(Join)}, counting a Service of the render only when {@code hasTargets} says
   * its selector reaches pods.
   */
  private static Verdict upJobs(
      Join join, java.util.function.BiPredicate<Obj, List<Obj>> hasTargets) {
    List<Obj> candidates = join.candidates(join.exporters().exporters());
    Set<String> jobs = new TreeSet<>();
    boolean known = true;
    for (Obj monitor : join.pool()) {
      boolean service = monitor.kind().equals("ServiceMonitor");
      if (!service && !monitor.kind().equals("PodMonitor")
          || !selectedByAPrometheus(monitor, join.prometheuses(), join.namespaceLabels())) {
        continue;
      }
      boolean found = false;
      for (Obj target : candidates) {
        List<Scrape> scrapes =
            service && target.kind().equals("Service")
                ? hasTargets.test(target, candidates) ? serviceScrapes(monitor, target) : List.of()
                : !service && KubeObject.WORKLOAD_KINDS.containsKey(target.kind())
                    ? podMonitorScrapes(monitor, target)
                    : List.of();
        for (Scrape scrape : scrapes) {
          found = true;
          scrape.job().ifPresent(jobs::add);
          known &= scrape.job().isPresent();
        }
      }
      if (!found && service && !rendersAService(monitor, candidates)) {
        Object implied =
            Plain.map(Plain.map(monitor.spec().get("selector")).get("matchLabels"))
                .get(jobLabel(monitor));
        if (implied != null) {
          jobs.add(String.valueOf(implied));
        }
      }
    }
    return new Verdict(Optional.empty(), jobs, known);
  }

  /** Whether a Service of the render is one this ServiceMonitor scrapes (pods or not). */
  private static boolean rendersAService(Obj monitor, List<Obj> candidates) {
    return candidates.stream()
        .anyMatch(t -> t.kind().equals("Service") && !serviceScrapes(monitor, t).isEmpty());
  }

  private static boolean selectedByAPrometheus(
      Obj monitor, List<Obj> prometheuses, Map<String, Map<String, String>> namespaceLabels) {
    String prefix = monitor.kind().equals("ServiceMonitor") ? "serviceMonitor" : "podMonitor";
    return prometheuses.stream()
        .anyMatch(
            p ->
                selects(
                    p,
                    prefix + "Selector",
                    prefix + "NamespaceSelector",
                    monitor,
                    namespaceLabels));
  }

  /**
   * The operator's rule for every selector pair: a null object selector selects nothing, a null
   * namespace selector means the Prometheus' own namespace only.
   */
  private static boolean selects(
      Obj prometheus,
      String selectorField,
      String namespaceSelectorField,
      Obj candidate,
      Map<String, Map<String, String>> namespaceLabels) {
    Object selector = prometheus.spec().get(selectorField);
    if (selector == null || !LabelSelector.matches(selector, candidate.labels())) {
      return false;
    }
    Object nsSelector = prometheus.spec().get(namespaceSelectorField);
    if (nsSelector == null) {
      return prometheus.namespace().equals(candidate.namespace());
    }
    return LabelSelector.matches(nsSelector, nsLabels(namespaceLabels, candidate.namespace()));
  }

  private static boolean monitorCovers(Obj monitor, String namespace) {
    Map<String, Object> nsSel = Plain.map(monitor.spec().get("namespaceSelector"));
    if (Boolean.TRUE.equals(nsSel.get("any"))) {
      return true;
    }
    List<String> names = Plain.strings(nsSel.get("matchNames"));
    return names.isEmpty() ? monitor.namespace().equals(namespace) : names.contains(namespace);
  }

  /** Endpoints of a ServiceMonitor that reach {@code pod} through one of its Services. */
  private static List<Scrape> serviceMonitorScrapes(Obj sm, Obj pod, List<Obj> pool) {
    if (!monitorCovers(sm, pod.namespace())) {
      return List.of();
    }
    Map<String, String> podLabels = podLabels(pod);
    List<Scrape> result = new ArrayList<>();
    for (Obj svc : pool) {
      if (!svc.kind().equals("Service") || !svc.namespace().equals(pod.namespace())) {
        continue;
      }
      Map<String, Object> svcSelector = Plain.map(svc.spec().get("selector"));
      boolean routesToPod =
          !svcSelector.isEmpty()
              && svcSelector.entrySet().stream()
                  .allMatch(en -> String.valueOf(en.getValue()).equals(podLabels.get(en.getKey())));
      if (routesToPod) {
        result.addAll(serviceScrapes(sm, svc));
      }
    }
    return result;
  }

  /** The endpoints of a ServiceMonitor that scrape one Service (selector, namespace and port). */
  private static List<Scrape> serviceScrapes(Obj sm, Obj svc) {
    if (!monitorCovers(sm, svc.namespace())
        || !LabelSelector.matches(sm.spec().get("selector"), svc.labels())) {
      return List.of();
    }
    Set<String> portNames = new TreeSet<>();
    for (Object port : Plain.list(svc.spec().get("ports"))) {
      portNames.add(String.valueOf(Plain.map(port).get("name")));
    }
    List<Scrape> result = new ArrayList<>();
    for (Object ep : Plain.list(sm.spec().get("endpoints"))) {
      Map<String, Object> endpoint = Plain.map(ep);
      Object port = endpoint.get("port");
      if (port != null
          ? portNames.contains(String.valueOf(port))
          : endpoint.get("targetPort") != null) {
        String job = svc.labels().getOrDefault(jobLabel(sm), svc.name());
        result.add(new Scrape(endpoint, jobOf(endpoint, job)));
      }
    }
    return result;
  }

  private static List<Scrape> podMonitorScrapes(Obj pm, Obj pod) {
    if (!monitorCovers(pm, pod.namespace())
        || !LabelSelector.matches(pm.spec().get("selector"), podLabels(pod))) {
      return List.of();
    }
    Set<String> portNames = new TreeSet<>();
    Map<String, Object> template = podTemplate(pod);
    for (Object c : Plain.list(Plain.dig(template, List.of("spec", "containers")))) {
      for (Object port : Plain.list(Plain.map(c).get("ports"))) {
        portNames.add(String.valueOf(Plain.map(port).get("name")));
      }
    }
    List<Scrape> result = new ArrayList<>();
    String job = podLabels(pod).getOrDefault(jobLabel(pm), pm.namespace() + "/" + pm.name());
    for (Object ep : Plain.list(pm.spec().get("podMetricsEndpoints"))) {
      Map<String, Object> endpoint = Plain.map(ep);
      Object port = endpoint.get("port");
      if (port != null
          ? portNames.contains(String.valueOf(port))
          : endpoint.get("portNumber") != null || endpoint.get("targetPort") != null) {
        result.add(new Scrape(endpoint, jobOf(endpoint, job)));
      }
    }
    return result;
  }

  private static String jobLabel(Obj monitor) {
    Object label = monitor.spec().get("jobLabel");
    return label == null ? "" : String.valueOf(label);
  }

  /**
   * The job label after the endpoint's relabellings: a replace with no source labels sets it to its
   * replacement; one computed from other labels cannot be known here (empty).
   */
  static Optional<String> jobOf(Map<String, Object> endpoint, String initial) {
    Optional<String> job = Optional.of(initial);
    for (Object r : Plain.list(endpoint.get("relabelings"))) {
      Map<String, Object> relabel = Plain.map(r);
      String action =
          String.valueOf(relabel.getOrDefault("action", "replace"))
              .toLowerCase(java.util.Locale.ROOT);
      if (!"job".equals(relabel.get("targetLabel")) || !action.equals("replace")) {
        continue;
      }
      Object replacement = relabel.getOrDefault("replacement", "$1");
      boolean literal =
          Plain.list(relabel.get("sourceLabels")).isEmpty()
              && !String.valueOf(replacement).contains("$");
      job = literal ? Optional.of(String.valueOf(replacement)) : Optional.empty();
    }
    return job;
  }

  /** A metric relabelling that drops this name (action drop/keep on __name__ alone). */
  static boolean drops(Map<String, Object> endpoint, String metric) {
    for (Object r : Plain.list(endpoint.get("metricRelabelings"))) {
      Map<String, Object> relabel = Plain.map(r);
      List<String> sources = Plain.strings(relabel.get("sourceLabels"));
      if (!sources.equals(List.of("__name__"))) {
        continue;
      }
      String action =
          String.valueOf(relabel.getOrDefault("action", "replace"))
              .toLowerCase(java.util.Locale.ROOT);
      boolean matches =
          Pattern.compile(String.valueOf(relabel.getOrDefault("regex", "(.*)")))
              .matcher(metric)
              .matches();
      if (action.equals("drop") && matches || action.equals("keep") && !matches) {
        return true;
      }
    }
    return false;
  }

  // --- the objects -------------------------------------------------------------------------

  /**
   * The render's objects, those Argo CD syncs from this repository's Applications included (the
   * render holds them as steps synced by Argo CD).
   */
  private static List<Obj> pool(RenderedEnvironment env) {
    List<Obj> pool = new ArrayList<>();
    for (RenderedObject o : env.objects()) {
      pool.add(new Obj(o.object().kind(), o.namespace(), o.content()));
    }
    return pool;
  }

  /** Objects of a kustomization of this repository; none when it is outside or unreadable. */
  private static List<Obj> objectsOf(Path root, Path dir, String defaultNamespace) {
    List<Obj> result = new ArrayList<>();
    if (!dir.startsWith(root) || !Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
      return result;
    }
    try {
      for (KubeObject k : Kustomizations.objects(root, dir)) {
        String ns = k.namespace() == null ? defaultNamespace : k.namespace();
        result.add(new Obj(k.kind(), ns, Plain.map(k.node().toPlain())));
      }
    } catch (InvalidInputException e) {
      // the kustomization checks report what cannot be read; nothing is delivered from it here
    }
    return result;
  }

  private static boolean fromRepository(RenderedObject o) {
    return o.step().step().component().spec() instanceof ComponentSpec.Manifests;
  }

  private static Map<String, Object> podTemplate(Obj workload) {
    List<String> path = KubeObject.WORKLOAD_KINDS.get(workload.kind());
    return path == null || path.isEmpty()
        ? workload.content()
        : Plain.map(Plain.dig(workload.content(), path));
  }

  private static Map<String, String> podLabels(Obj workload) {
    return LabelSelector.labels(podTemplate(workload));
  }

  private static Map<String, Map<String, String>> namespaceLabels(List<Obj> pool) {
    Map<String, Map<String, String>> result = new HashMap<>();
    for (Obj o : pool) {
      if (o.kind().equals("Namespace")) {
        Map<String, String> labels = new LinkedHashMap<>(o.labels());
        labels.put("kubernetes.io/metadata.name", o.name());
        result.put(o.name(), labels);
      }
    }
    return result;
  }

  private static Map<String, String> nsLabels(Map<String, Map<String, String>> known, String ns) {
    return known.getOrDefault(ns, Map.of("kubernetes.io/metadata.name", ns));
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The exporters file, or none when the checkout has no such file. */
  private static Exporters exporters(Path file) throws InvalidInputException {
    return Files.isRegularFile(file) ? Exporters.read(file) : new Exporters(file, List.of());
  }

  /** 1-based line of the first line at or after {@code from} that holds {@code needle}; else 0. */
  static int lineOf(List<String> lines, int from, String needle) {
    for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
      String line = lines.get(i);
      int at = line.indexOf(needle);
      if (at >= 0
          && (at + needle.length() == line.length()
              || !Character.isLetterOrDigit(line.charAt(at + needle.length())))) {
        return i + 1;
      }
    }
    return 0;
  }
}
