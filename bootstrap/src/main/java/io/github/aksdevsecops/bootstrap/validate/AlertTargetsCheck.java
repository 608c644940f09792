package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.validate.network.Endpoint;
import io.github.aksdevsecops.bootstrap.validate.network.FlowFile;
import io.github.aksdevsecops.bootstrap.validate.network.RenderedNetwork;
import io.github.aksdevsecops.bootstrap.validate.telemetry.PromQl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * No alert of the render waits for a scrape target the render does not produce. For every alert
 * rule of every PrometheusRule in the render (the charts' defaults and the repository's own), each
 * selector that tests a target's presence names a job some scrape of the environment produces (as
 * {@link TelemetryCheck#scrapedJobs} resolves them: the Service's name, the monitor's jobLabel or a
 * literal job relabelling; a Service of the render counts only when it selects pods of the render
 * (the Prometheus operator's included) or pods {@code flows.yaml} declares unrendered and present,
 * so a control-plane Service on AKS, whose pods the cluster hides, produces no job): a selector
 * inside {@code absent(...)} or {@code absent_over_time(...)} with {@code job="x"} or {@code
 * job=~"x"} (without the target it is true, so the alert fires for ever), and {@code up{job="x"}}
 * anywhere else ({@code up{job="x"} == 0} without the target can never fire). Expressions are read
 * by {@link PromQl}'s scanner, not a full PromQL parser. A chart rule is reported at the
 * component's values file, at the top-level key named like the job when there is one; a repository
 * rule at its line. When a relabelling derives a job from other labels the jobs are not all known
 * and nothing is reported.
 */
final class AlertTargetsCheck implements PlatformCheck {
  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    List<RenderedObject> rules =
        env.objects().stream().filter(o -> o.isKind("PrometheusRule")).toList();
    if (rules.isEmpty()) {
      return List.of();
    }
    List<TelemetryCheck.PodLabels> pods = new ArrayList<>();
    Path flows = repository.root().resolve(NetworkCheck.FLOWS);
    List<FlowFile.Beside> beside = List.of();
    if (Files.isRegularFile(flows)) {
      try {
        FlowFile file = FlowFile.read(flows, env.environment().layers());
        beside = file.deployedBeside();
        for (FlowFile.Unrendered u : file.unrendered()) {
          if (u.absent().isEmpty()) {
            pods.add(new TelemetryCheck.PodLabels(u.namespace(), u.labels()));
          }
        }
      } catch (InvalidInputException e) {
        // the network check reports the file; without it only the render's pods are targets
      }
    }
    // the pods the network check places: workloads, and those the Prometheus operator builds
    for (Endpoint.Pod p : RenderedNetwork.of(repository.root(), env.objects(), beside).pods()) {
      pods.add(new TelemetryCheck.PodLabels(p.namespace(), p.labels()));
    }
    TelemetryCheck.ScrapedJobs scraped = TelemetryCheck.scrapedJobs(repository, env, pods);
    if (!scraped.complete()) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    for (RenderedObject o : rules) {
      boolean ours = o.step().step().component().spec() instanceof ComponentSpec.Manifests;
      List<String> lines = lines(o.origin());
      for (Object g : Plain.list(Plain.map(o.content().get("spec")).get("groups"))) {
        for (Object r : Plain.list(Plain.map(g).get("rules"))) {
          Map<String, Object> rule = Plain.map(r);
          if (!rule.containsKey("alert")) {
            continue;
          }
          String alert = String.valueOf(rule.get("alert"));
          List<PromQl.JobMatch> matches;
          try {
            matches = PromQl.jobMatches(String.valueOf(rule.get("expr")));
          } catch (IllegalArgumentException e) {
            continue; // the telemetry check reports what it cannot read
          }
          Set<String> reported = new TreeSet<>();
          for (PromQl.JobMatch m : matches) {
            boolean presence = m.inAbsent() || "up".equals(m.metric()) && !m.regex();
            if (!presence || produced(m, scraped.jobs()) || !reported.add(m.job())) {
              continue;
            }
            String message =
                "alert "
                    + alert
                    + " waits for job "
                    + (m.regex() ? "=~" : "")
                    + "\""
                    + m.job()
                    + "\", which no ServiceMonitor or PodMonitor of the render scrapes from pods that run"
                    + (m.inAbsent()
                        ? " (absent(...) of it is true for ever: the alert fires by construction)"
                        : " (the alert can never fire)")
                    + "; scrape it or turn the alert off for this environment. Jobs scraped: "
                    + scraped.jobs();
            int line =
                ours
                    ? TelemetryCheck.lineOf(lines, o.originLine(), "alert: " + alert)
                    : keyLine(lines, m.job()).orElse(o.originLine());
            problems.add(
                line > 0 || !ours
                    ? new Problem(
                        o.origin(),
                        line,
                        "[" + env.name() + "] " + o.object().describe() + ": " + message)
                    : o.problem(env.name(), message));
          }
        }
      }
    }
    return problems;
  }

  private static boolean produced(PromQl.JobMatch m, Set<String> jobs) {
    if (!m.regex()) {
      return jobs.contains(m.job());
    }
    try {
      Pattern p = Pattern.compile(m.job());
      return jobs.stream().anyMatch(j -> p.matcher(j).matches());
    } catch (PatternSyntaxException e) {
      return true; // a regular expression Java cannot read is not judged here
    }
  }

  /** The line of the values file's top-level key spelt like the job (kubeControllerManager). */
  private static java.util.Optional<Integer> keyLine(List<String> lines, String job) {
    String flat = flat(job);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon > 0 && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
        if (flat(line.substring(0, colon)).equals(flat)) {
          return java.util.Optional.of(i + 1);
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static String flat(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }
}
