package io.github.aksdevsecops.gate.parse;

import static io.github.aksdevsecops.gate.parse.JsonFields.at;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code snyk test --json} and {@code snyk container test --json}: one project result, or an array
 * of them for {@code --all-projects}; a container result nests its applications' results in {@code
 * applications[]}. Each {@code vulnerabilities[]} entry is one path to a vulnerable package;
 * license issues ({@code type: license}) are not vulnerabilities and are skipped.
 *
 * <p>The id is the CVE of {@code identifiers.CVE} (one finding per CVE, so Trivy and Grype name the
 * same finding), else Snyk's own id. The score is the highest v3 base score stated: {@code
 * cvssDetails[].cvssV3BaseScore}, {@code cvssSources[].baseScore} of version 3.x, and {@code
 * cvssScore} when the entry carries a {@code CVSSv3} vector (without one, {@code cvssScore} may be
 * a CVSS v4 score); else the vectors are scored. The severity word is {@code severityWithCritical}
 * (older results cap {@code severity} at high), else {@code severity}.
 */
final class SnykParser implements ReportParser {

  @Override
  public boolean accepts(JsonNode root) {
    if (root.isArray()) {
      if (root.isEmpty()) {
        return false;
      }
      for (JsonNode project : root) {
        if (!project.isObject() || !(project.has("vulnerabilities") || project.has("error"))) {
          return false;
        }
      }
      return true;
    }
    return root.has("vulnerabilities")
        && (root.has("packageManager") || root.has("ok") || root.has("dependencyCount"));
  }

  @Override
  public List<ReportedFinding> parse(JsonNode root, JsonFields fields) {
    List<ReportedFinding> findings = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        project(root.get(i), at("", i), fields, findings);
      }
    } else {
      project(root, "", fields, findings);
    }
    return findings;
  }

  private static void project(
      JsonNode project, String projectAt, JsonFields fields, List<ReportedFinding> findings) {
    if (!project.has("vulnerabilities")) {
      // Snyk's result for a project it could not test: the scan is incomplete, so no decision.
      String path = fields.optionalText(project, "path", projectAt);
      fields.problem(
          at(projectAt, "error"),
          "Snyk could not test "
              + (path.isBlank() ? "a project" : path)
              + ": "
              + project.path("error").asText("(no message)"));
      return;
    }
    String location = "";
    for (String field : List.of("displayTargetFile", "targetFile", "path", "projectName")) {
      location = fields.optionalText(project, field, projectAt);
      if (!location.isBlank()) {
        break;
      }
    }
    String where = location;
    fields.eachObject(
        project,
        "vulnerabilities",
        projectAt,
        (vuln, vulnAt) -> findings.addAll(findings(vuln, vulnAt, where, fields)));
    fields.eachObject(
        project,
        "applications",
        projectAt,
        (application, applicationAt) -> {
          project(application, applicationAt, fields, findings);
          return null;
        });
  }

  private static List<ReportedFinding> findings(
      JsonNode vuln, String vulnAt, String location, JsonFields fields) {
    if ("license".equals(vuln.path("type").asText())) {
      return List.of();
    }
    String snykId = fields.requiredText(vuln, "id", vulnAt);
    String pkg = fields.requiredText(vuln, "packageName", vulnAt);
    String version = fields.optionalText(vuln, "version", vulnAt);
    BestScore best = score(vuln, vulnAt, fields);
    String word = fields.optionalText(vuln, "severityWithCritical", vulnAt);
    if (word.isBlank()) {
      word = fields.optionalText(vuln, "severity", vulnAt);
    }
    List<String> cves = new ArrayList<>();
    JsonNode identifiers = fields.object(vuln, "identifiers", vulnAt, false);
    if (identifiers != null) {
      cves.addAll(fields.texts(identifiers, "CVE", at(vulnAt, "identifiers")));
    }
    List<String> references = new ArrayList<>();
    for (JsonNode ref : fields.array(vuln, "references", vulnAt)) {
      if (!ref.path("url").asText("").isBlank()) {
        references.add(ref.get("url").asText());
      }
    }
    if (snykId == null || pkg == null) {
      return List.of();
    }
    List<String> ids = cves.isEmpty() ? List.of(snykId) : List.copyOf(cves);
    List<ReportedFinding> result = new ArrayList<>(ids.size());
    var score = best.best(fields);
    String title = fields.optionalText(vuln, "title", vulnAt);
    for (String id : ids) {
      result.add(
          new ReportedFinding(
              new FindingKey(id, pkg, version),
              score,
              Severity.of(word),
              title.isBlank() ? snykId : title + " (" + snykId + ")",
              references,
              location,
              fields.file()));
    }
    return result;
  }

  private static BestScore score(JsonNode vuln, String vulnAt, JsonFields fields) {
    BestScore best = new BestScore();
    if (!fields.optionalText(vuln, "CVSSv3", vulnAt).isBlank()) {
      best.assessment(fields, vuln, vulnAt, "cvssScore", "CVSSv3", "snyk CVSSv3");
    }
    List<JsonNode> details = fields.array(vuln, "cvssDetails", vulnAt);
    for (int i = 0; i < details.size(); i++) {
      String detailAt = at(at(vulnAt, "cvssDetails"), i);
      if (fields.isObject(details.get(i), detailAt)) {
        JsonNode detail = details.get(i);
        String source = label(detail) + " cvssV3BaseScore";
        best.assessment(fields, detail, detailAt, "cvssV3BaseScore", "cvssV3Vector", source);
      }
    }
    List<JsonNode> sources = fields.array(vuln, "cvssSources", vulnAt);
    for (int i = 0; i < sources.size(); i++) {
      String sourceAt = at(at(vulnAt, "cvssSources"), i);
      JsonNode source = sources.get(i);
      if (fields.isObject(source, sourceAt)
          && source.path("cvssVersion").asText().startsWith("3")) {
        String label = label(source) + " cvss " + source.get("cvssVersion").asText();
        best.assessment(fields, source, sourceAt, "baseScore", "vector", label);
      }
    }
    return best;
  }

  private static String label(JsonNode assessment) {
    String assigner = assessment.path("assigner").asText("");
    return assigner.isBlank() ? "snyk" : assigner;
  }
}
