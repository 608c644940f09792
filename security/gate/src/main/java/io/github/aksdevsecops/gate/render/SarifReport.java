package io.github.aksdevsecops.gate.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sarif-out}: one SARIF 2.1.0 run of every finding for GitHub code scanning. Each
 * vulnerability id is a rule whose {@code security-severity} is its highest score; a finding with
 * no score gets the lower edge of its severity word's band (CRITICAL 9.0, HIGH 7.0, MEDIUM 4.0, LOW
 * 0.1, others 0.0). Suppressed findings carry an external suppression with the justification.
 * Results name their package in {@code properties.packageName}/{@code packageVersion}, so the gate
 * reads its own SARIF back unchanged.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public static String render(GateResult result) {
    ObjectNode root = Json.object();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "security-gate");
    driver.put(
        "informationUri", "https://github.com/aks-devsecops/platform/tree/main/security/gate");
    driver.put("version", "0.1.0");
    Map<String, ObjectNode> rules = new LinkedHashMap<>();
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (EvaluatedFinding f : result.findings()) {
      String id = f.key().id();
      BigDecimal severity = securitySeverity(f.finding().score(), f.finding().severity());
      ObjectNode rule = rules.get(id);
      if (rule == null) {
        rule = rule(f);
        rules.put(id, rule);
        ruleIndex.put(id, ruleIndex.size());
      }
      BigDecimal ruleSeverity =
          new BigDecimal(rule.path("properties").path("security-severity").asText());
      if (severity.compareTo(ruleSeverity) > 0) {
        ((ObjectNode) rule.get("properties")).put("security-severity", severity.toPlainString());
      }
      results.add(result(f, ruleIndex.get(id), severity));
    }
    ArrayNode ruleArray = driver.putArray("rules");
    rules.values().forEach(ruleArray::add);
    return Json.write(root);
  }

  private static ObjectNode rule(EvaluatedFinding f) {
    ObjectNode rule = Json.object();
    rule.put("id", f.key().id());
    rule.put("name", f.key().id().replaceAll("[^A-Za-z0-9]", ""));
    String title = f.finding().title().isBlank() ? f.key().id() : f.finding().title();
    rule.putObject("shortDescription").put("text", firstLine(title));
    if (!f.finding().references().isEmpty()) {
      rule.put("helpUri", f.finding().references().get(0));
    }
    ObjectNode props = rule.putObject("properties");
    props.put(
        "security-severity",
        securitySeverity(f.finding().score(), f.finding().severity()).toPlainString());
    props.putArray("tags").add("security").add("vulnerability");
    return rule;
  }

  private static ObjectNode result(EvaluatedFinding f, int index, BigDecimal severity) {
    ObjectNode r = Json.object();
    r.put("ruleId", f.key().id());
    r.put("ruleIndex", index);
    r.put(
        "level",
        switch (f.finalLevel()) {
          case BLOCK -> "error";
          case WARN -> "warning";
          case LOG -> "note";
        });
    r.putObject("message").put("text", message(f));
    String uri =
        uri(
            f.finding().locations().isEmpty()
                ? f.finding().reports().get(0)
                : f.finding().locations().get(0));
    r.putArray("locations")
        .addObject()
        .putObject("physicalLocation")
        .putObject("artifactLocation")
        .put("uri", uri);
    ObjectNode props = r.putObject("properties");
    props.put("packageName", f.key().packageName());
    props.put("packageVersion", f.key().version());
    props.put("security-severity", severity.toPlainString());
    props.put("gateLevel", f.levelLabel());
    props.put(
        "scoreSource", f.finding().score() == null ? "severity" : f.finding().score().source());
    if (f.slaDue() != null) {
      props.put("slaDue", f.slaDue().toString());
    }
    if (f.suppressed()) {
      ObjectNode s = r.putArray("suppressions").addObject();
      s.put("kind", "external");
      s.put("justification", f.suppressedBy().justification());
    }
    return r;
  }

  private static String message(EvaluatedFinding f) {
    StringBuilder m = new StringBuilder();
    m.append(f.key().id())
        .append(" in ")
        .append(f.key().packageName())
        .append(' ')
        .append(f.key().version())
        .append(": gate level ")
        .append(f.levelLabel());
    Score s = f.finding().score();
    m.append(
        s == null ? ", no CVSS v3 score (" + f.finding().severity() + ")" : ", CVSS " + s.text());
    if (f.escalated()) {
      m.append(", escalated: SLA passed");
    }
    if (f.slaDue() != null) {
      m.append(", fix by ").append(f.slaDue());
    }
    return m.toString();
  }

  /**
   * A scanner's location as a URI reference: Trivy names image targets like {@code
   * aksdevsecops/devsecops-app (debian 12.8)}, which is not one until its spaces are escaped.
   */
  static String uri(String location) {
    try {
      return new URI(null, null, location, null).toASCIIString();
    } catch (URISyntaxException e) {
      return location.replaceAll("[^A-Za-z0-9._~/-]", "_");
    }
  }

  static BigDecimal securitySeverity(Score score, Severity severity) {
    if (score != null) {
      return score.value();
    }
    return new BigDecimal(
        switch (severity) {
          case CRITICAL -> "9.0";
          case HIGH -> "7.0";
          case MEDIUM -> "4.0";
          case LOW -> "0.1";
          default -> "0.0";
        });
  }

  private static String firstLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty() ? text : lines.get(0);
  }
}
