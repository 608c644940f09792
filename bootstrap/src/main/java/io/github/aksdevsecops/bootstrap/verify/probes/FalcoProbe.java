package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.PodShell;
import io.github.aksdevsecops.bootstrap.verify.PodSpecs;
import io.github.aksdevsecops.bootstrap.verify.Poll;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An attacker's first steps in a container: exec a shell and write into a sensitive directory under
 * /etc. Falco's rule must fire and reach the alert path the environment has (Falcosidekick to
 * Alertmanager, else to Loki) within the patience (60 s), carrying its MITRE ATT&CK technique.
 */
public final class FalcoProbe implements Probe.Check {
  /** The rule and list of kubernetes/security/falco/rules/devsecops-rules.yaml it triggers. */
  public static final String RULE = "Write to sensitive file";

  public static final String DIRECTORIES = "dso_sensitive_directories";
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  @Override
  public ProbeResult run(ProbeContext ctx) throws InterruptedException {
    boolean viaAlertmanager = ctx.facts().enabled("observability");
    if (!viaAlertmanager && !ctx.facts().enabled("loki")) {
      return new ProbeResult.Skipped(
          SkipCause.COMPONENT_DISABLED,
          "neither Alertmanager nor Loki receives Falco's events here");
    }
    PlatformFacts.Falco falco =
        ctx.facts().falco().orElseThrow(() -> new IllegalStateException("no Falco rules file"));
    List<String> tags = falco.tags().get(RULE);
    if (tags == null) {
      return ProbeResult.fail(falco.rulesFile() + " has no rule \"" + RULE + "\"");
    }
    Optional<String> technique =
        tags.stream().filter(t -> TECHNIQUE.matcher(t).matches()).findFirst();
    List<String> directories = falco.lists().getOrDefault(DIRECTORIES, List.of());
    if (!directories.contains(PodSpecs.WRITABLE_ETC_DIRECTORY)) {
      return ProbeResult.fail(
          DIRECTORIES
              + " in "
              + falco.rulesFile()
              + " no longer lists "
              + PodSpecs.WRITABLE_ETC_DIRECTORY
              + ", the directory the probe Pod can write");
    }
    PodShell shell = ctx.sandbox().probe();
    String file = PodSpecs.WRITABLE_ETC_DIRECTORY + "/verify-" + ctx.sandbox().run();
    PodShell.Result wrote =
        shell.exec(Duration.ofSeconds(20), List.of("sh", "-c", "echo verify > " + file));
    if (!wrote.ok()) {
      return ProbeResult.fail(
          "writing " + file + " failed (exit " + wrote.exitCode() + "): " + wrote.stderr());
    }
    Optional<String> alert =
        Poll.until(
            ctx.timing(),
            () -> viaAlertmanager ? fromAlertmanager(ctx, file) : fromLoki(ctx, file));
    String action = "exec sh in " + shell.pod() + ", wrote " + file;
    if (alert.isEmpty()) {
      return ProbeResult.fail(
          action,
          "no \""
              + RULE
              + "\" event for "
              + file
              + " reached "
              + (viaAlertmanager ? "Alertmanager" : "Loki")
              + " within "
              + ctx.timing().patience().toSeconds()
              + " s");
    }
    boolean tagged = technique.map(t -> alert.get().contains(t)).orElse(false);
    return ProbeResult.of(
        tagged,
        List.of(
            action,
            (tagged
                    ? "alert with " + technique.get() + ": "
                    : "alert WITHOUT its MITRE technique "
                        + technique.orElse("(none in the rules file)")
                        + ": ")
                + alert.get()));
  }

  /** The alert Falcosidekick raised for this write: its labels (rule, tags) and description. */
  static Optional<String> fromAlertmanager(ProbeContext ctx, String file) {
    Endpoint am = ctx.facts().monitoring().alertmanager().orElseThrow();
    JsonNode alerts =
        ctx.proxy().json(am, "/api/v2/alerts?filter=" + encode("rule=\"" + RULE + "\""));
    for (JsonNode alert : alerts) {
      String description = alert.path("annotations").path("description").asString("");
      if (description.contains(file)) {
        JsonNode labels = alert.path("labels");
        return Optional.of(
            "rule="
                + labels.path("rule").asString("")
                + " priority="
                + labels.path("priority").asString("")
                + " tags="
                + labels.path("tags").asString("")
                + " | "
                + description.strip());
      }
    }
    return Optional.empty();
  }

  /** The event as Falcosidekick pushed it to Loki: stream labels (rule, tags) and the line. */
  static Optional<String> fromLoki(ProbeContext ctx, String file) {
    Endpoint loki = ctx.facts().monitoring().loki().orElseThrow();
    String query = "{rule=\"" + RULE + "\"} |= \"" + file + "\"";
    JsonNode answer =
        ctx.proxy()
            .json(loki, "/loki/api/v1/query_range?since=10m&limit=10&query=" + encode(query));
    for (JsonNode stream : answer.path("data").path("result")) {
      JsonNode values = stream.path("values");
      if (values.size() > 0) {
        return Optional.of(
            "rule="
                + stream.path("stream").path("rule").asString("")
                + " tags="
                + stream.path("stream").path("tags").asString("")
                + " | "
                + values.path(0).path(1).asString("").strip());
      }
    }
    return Optional.empty();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
