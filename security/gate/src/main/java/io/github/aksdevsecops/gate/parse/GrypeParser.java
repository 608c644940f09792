package io.github.aksdevsecops.gate.parse;

import static io.github.aksdevsecops.gate.parse.JsonFields.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Severity;
import java.util.List;

/**
 * {@code grype -o json}: {@code matches[]} with {@code vulnerability} and {@code artifact}. The
 * score is the highest {@code cvss[].metrics.baseScore} of entries whose {@code version} starts
 * with 3 (scored from the entry's vector when it states no base score).
 */
final class GrypeParser implements ReportParser {

  @Override
  public boolean accepts(JsonNode root) {
    return root.has("matches") && (root.has("descriptor") || root.has("source"));
  }

  @Override
  public List<ReportedFinding> parse(JsonNode root, JsonFields fields) {
    if (!root.get("matches").isArray()) {
      fields.problem("/matches", "matches must be an array");
      return List.of();
    }
    return fields.eachObject(
        root, "matches", "", (match, matchAt) -> finding(match, matchAt, fields));
  }

  private static ReportedFinding finding(JsonNode match, String matchAt, JsonFields fields) {
    JsonNode vuln = fields.object(match, "vulnerability", matchAt, true);
    JsonNode artifact = fields.object(match, "artifact", matchAt, true);
    if (vuln == null || artifact == null) {
      return null;
    }
    String vulnAt = at(matchAt, "vulnerability");
    String artifactAt = at(matchAt, "artifact");
    String id = fields.requiredText(vuln, "id", vulnAt);
    String pkg = fields.requiredText(artifact, "name", artifactAt);
    String version = fields.optionalText(artifact, "version", artifactAt);
    String severity = fields.optionalText(vuln, "severity", vulnAt);
    BestScore best = new BestScore();
    fields.eachObject(
        vuln,
        "cvss",
        vulnAt,
        (entry, entryAt) -> {
          String cvssVersion = fields.optionalText(entry, "version", entryAt);
          if (cvssVersion.startsWith("3")) {
            String source = fields.optionalText(entry, "source", entryAt);
            String label = (source.isBlank() ? "grype" : source) + " cvss " + cvssVersion;
            JsonNode metrics = fields.object(entry, "metrics", entryAt, false);
            if (metrics != null) {
              best.stated(fields.score(metrics, "baseScore", at(entryAt, "metrics")), label);
            }
            best.vector(
                fields.optionalText(entry, "vector", entryAt), at(entryAt, "vector"), label);
          }
          return null;
        });
    String location = "";
    List<JsonNode> locations = fields.array(artifact, "locations", artifactAt);
    if (!locations.isEmpty() && locations.get(0).isObject()) {
      location = fields.optionalText(locations.get(0), "path", at(at(artifactAt, "locations"), 0));
    }
    if (id == null || pkg == null) {
      return null;
    }
    return new ReportedFinding(
        new FindingKey(id, pkg, version),
        best.best(fields),
        Severity.of(severity),
        fields.optionalText(vuln, "description", vulnAt),
        fields.references(vuln, "dataSource", "urls", vulnAt),
        location,
        fields.file());
  }
}
