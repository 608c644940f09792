package io.github.aksdevsecops.gate.parse;

import static io.github.aksdevsecops.gate.parse.JsonFields.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code trivy image|fs --format json}, SchemaVersion 2: {@code Results[].Vulnerabilities[]}. The
 * score is the highest {@code CVSS.<source>.V3Score}; when no source states one, the highest base
 * score computed from a {@code V3Vector}. V2 fields are ignored.
 */
final class TrivyParser implements ReportParser {

  @Override
  public boolean accepts(JsonNode root) {
    return root.has("SchemaVersion") && (root.has("ArtifactName") || root.has("Results"));
  }

  @Override
  public List<ReportedFinding> parse(JsonNode root, JsonFields fields) {
    JsonNode schema = root.get("SchemaVersion");
    if (!schema.isInt() || schema.asInt() != 2) {
      fields.problem(
          "/SchemaVersion", "unsupported Trivy SchemaVersion " + schema + ", expected 2");
      return List.of();
    }
    List<ReportedFinding> findings = new ArrayList<>();
    fields.eachObject(
        root,
        "Results",
        "",
        (result, resultAt) -> {
          String target = fields.optionalText(result, "Target", resultAt);
          findings.addAll(
              fields.eachObject(
                  result,
                  "Vulnerabilities",
                  resultAt,
                  (vuln, vulnAt) -> finding(vuln, vulnAt, target, fields)));
          return null;
        });
    return findings;
  }

  private static ReportedFinding finding(
      JsonNode vuln, String vulnAt, String target, JsonFields fields) {
    String id = fields.requiredText(vuln, "VulnerabilityID", vulnAt);
    String pkg = fields.requiredText(vuln, "PkgName", vulnAt);
    String version = fields.optionalText(vuln, "InstalledVersion", vulnAt);
    String severity = fields.optionalText(vuln, "Severity", vulnAt);
    String title = fields.optionalText(vuln, "Title", vulnAt);
    BestScore best = new BestScore();
    JsonNode cvss = fields.object(vuln, "CVSS", vulnAt, false);
    if (cvss != null) {
      String cvssAt = at(vulnAt, "CVSS");
      for (Iterator<Map.Entry<String, JsonNode>> it = cvss.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> source = it.next();
        String sourceAt = at(cvssAt, source.getKey());
        if (!fields.isObject(source.getValue(), sourceAt)) {
          continue;
        }
        best.stated(
            fields.score(source.getValue(), "V3Score", sourceAt), source.getKey() + " V3Score");
        best.vector(
            fields.optionalText(source.getValue(), "V3Vector", sourceAt),
            at(sourceAt, "V3Vector"),
            source.getKey() + " V3Vector");
      }
    }
    if (id == null || pkg == null) {
      return null;
    }
    return new ReportedFinding(
        new FindingKey(id, pkg, version),
        best.best(fields),
        Severity.of(severity),
        title,
        fields.references(vuln, "PrimaryURL", "References", vulnAt),
        target,
        fields.file());
  }
}
