package io.github.aksdevsecops.gate.parse;

import static io.github.aksdevsecops.gate.parse.JsonFields.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 from a scanner that names packages: the vulnerability id is the result's rule id, the
 * score {@code properties.security-severity} (a string) of the result or else of its rule, the
 * package {@code properties.packageName} and {@code packageVersion} (result first, then rule).
 * Without a score, {@code properties.severity} (a severity word) is used when present.
 */
final class SarifParser implements ReportParser {
  static final String SECURITY_SEVERITY = "security-severity";

  @Override
  public boolean accepts(JsonNode root) {
    JsonNode schema = root.get("$schema");
    return root.has("runs")
        && (root.has("version") || (schema != null && schema.asText().contains("sarif")));
  }

  @Override
  public List<ReportedFinding> parse(JsonNode root, JsonFields fields) {
    List<ReportedFinding> findings = new ArrayList<>();
    String version = fields.optionalText(root, "version", "");
    if (!"2.1.0".equals(version)) {
      fields.problem("/version", "unsupported SARIF version \"" + version + "\", expected 2.1.0");
      return findings;
    }
    fields.eachObject(
        root,
        "runs",
        "",
        (run, runAt) -> {
          findings.addAll(run(run, runAt, fields));
          return null;
        });
    return findings;
  }

  private static List<ReportedFinding> run(JsonNode run, String runAt, JsonFields fields) {
    List<JsonNode> rules = List.of();
    JsonNode driver = run.path("tool").path("driver");
    if (driver.isObject()) {
      rules = fields.array(driver, "rules", at(at(runAt, "tool"), "driver"));
    }
    Map<String, Integer> rulesById = new HashMap<>();
    for (int k = 0; k < rules.size(); k++) {
      if (rules.get(k).isObject() && rules.get(k).path("id").isTextual()) {
        rulesById.putIfAbsent(rules.get(k).get("id").asText(), k);
      }
    }
    String rulesAt = at(at(at(runAt, "tool"), "driver"), "rules");
    List<JsonNode> knownRules = rules;
    return fields.eachObject(
        run,
        "results",
        runAt,
        (result, resultAt) -> finding(result, resultAt, knownRules, rulesById, rulesAt, fields));
  }

  private static ReportedFinding finding(
      JsonNode result,
      String resultAt,
      List<JsonNode> rules,
      Map<String, Integer> rulesById,
      String rulesAt,
      JsonFields fields) {
    Integer index = null;
    JsonNode ruleIndex = result.get("ruleIndex");
    if (ruleIndex != null && ruleIndex.isInt()) {
      index = ruleIndex.asInt();
      if (index < 0 || index >= rules.size() || !rules.get(index).isObject()) {
        fields.problem(at(resultAt, "ruleIndex"), "ruleIndex " + index + " names no rule");
        return null;
      }
    }
    JsonNode rule = index == null ? null : rules.get(index);
    String id = result.path("ruleId").isTextual() ? result.get("ruleId").asText() : "";
    if (id.isBlank() && rule != null && rule.path("id").isTextual()) {
      id = rule.get("id").asText();
    }
    if (id.isBlank()) {
      fields.problem(at(resultAt, "ruleId"), "missing ruleId (the vulnerability id)");
      return null;
    }
    if (rule == null && rulesById.containsKey(id)) {
      index = rulesById.get(id);
      rule = rules.get(index);
    }
    String resultProps = at(resultAt, "properties");
    JsonNode props = result.path("properties");
    Property.Owner owner = new Property.Owner(props, resultProps);
    Property.Owner fallback =
        rule == null
            ? null
            : new Property.Owner(rule.path("properties"), at(at(rulesAt, index), "properties"));
    Property pkg = Property.of("packageName", owner, fallback);
    if (pkg.value.isBlank()) {
      fields.problem(at(resultProps, "packageName"), "missing packageName (the package)");
      return null;
    }
    Property version = Property.of("packageVersion", owner, fallback);
    Property severityText = Property.of(SECURITY_SEVERITY, owner, fallback);
    BestScore best = new BestScore();
    if (!severityText.value.isBlank()) {
      BigDecimal score =
          fields.score(severityText.owner.node(), SECURITY_SEVERITY, severityText.owner.pointer());
      best.stated(score, SECURITY_SEVERITY);
    }
    String title = "";
    List<String> references = new ArrayList<>();
    if (rule != null) {
      title = rule.path("shortDescription").path("text").asText("");
      String help = rule.path("helpUri").asText("");
      if (!help.isBlank()) {
        references.add(help);
      }
    }
    if (title.isBlank()) {
      title = result.path("message").path("text").asText("");
    }
    String location =
        result
            .path("locations")
            .path(0)
            .path("physicalLocation")
            .path("artifactLocation")
            .path("uri")
            .asText("");
    return new ReportedFinding(
        new FindingKey(id, pkg.value, version.value),
        best.best(fields),
        Severity.of(Property.of("severity", owner, fallback).value),
        title,
        references,
        location,
        fields.file());
  }

  /** A property's text and the properties object holding it: the result's, else the rule's. */
  private record Property(String value, Owner owner) {
    record Owner(JsonNode node, String pointer) {}

    static Property of(String name, Owner result, Owner rule) {
      for (Owner owner : rule == null ? List.of(result) : List.of(result, rule)) {
        JsonNode value = owner.node().get(name);
        if (value != null && value.isValueNode() && !value.asText().isBlank()) {
          return new Property(value.asText(), owner);
        }
      }
      return new Property("", result);
    }
  }
}
