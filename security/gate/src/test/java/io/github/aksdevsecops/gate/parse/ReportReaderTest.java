package io.github.aksdevsecops.gate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Format detection and the exact problem (file, line or JSON pointer) for each kind of bad report.
 */
class ReportReaderTest {
  @TempDir Path dir;

  private List<ReportedFinding> read(String json) throws InvalidInputException, IOException {
    Path file = dir.resolve("report.json");
    Files.writeString(file, json);
    return new ReportReader().read(file, "report.json");
  }

  static Stream<Arguments> badReports() {
    return Stream.of(
        Arguments.of("", "report.json: empty file, expected a JSON object"),
        Arguments.of("[]", "report.json: at /: expected a JSON object, found array"),
        Arguments.of("{\"a\": 1}\n{\"b\": 2}", "report.json:2: not valid JSON"),
        Arguments.of("{\"a\": \n", "report.json:2: not valid JSON"),
        Arguments.of(
            "{\"SchemaVersion\": 1, \"ArtifactName\": \"x\"}",
            "report.json: at /SchemaVersion: unsupported Trivy SchemaVersion 1, expected 2"),
        Arguments.of(
            "{\"SchemaVersion\": 2, \"Results\": {}}",
            "report.json: at /Results: Results must be an array, found object"),
        Arguments.of(
            "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"PkgName\": \"p\"}]}]}",
            "report.json: at /Results/0/Vulnerabilities/0/VulnerabilityID: missing VulnerabilityID"),
        Arguments.of(
            "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\","
                + " \"PkgName\": \"p\", \"CVSS\": {\"nvd\": {\"V3Vector\": \"CVSS:3.1/AV:N\"}}}]}]}",
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Vector: \"CVSS:3.1/AV:N\" is not a valid CVSS vector"),
        Arguments.of(
            "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\","
                + " \"PkgName\": \"p\", \"CVSS\": {\"nvd\": {\"V3Score\": 11}}}]}]}",
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score 11.0 is outside 0.0-10.0"),
        Arguments.of(
            "{\"matches\": [{\"artifact\": {\"name\": \"p\"}}], \"descriptor\": {\"name\": \"grype\"}}",
            "report.json: at /matches/0/vulnerability: missing vulnerability"),
        Arguments.of(
            "{\"version\": \"2.0.0\", \"runs\": []}",
            "report.json: at /version: unsupported SARIF version \"2.0.0\", expected 2.1.0"),
        Arguments.of(
            "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"CVE-1\", \"ruleIndex\": 3}]}]}",
            "report.json: at /runs/0/results/0/ruleIndex: ruleIndex 3 names no rule"),
        Arguments.of(
            "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"CVE-1\"}]}]}",
            "report.json: at /runs/0/results/0/properties/packageName: missing packageName"),
        Arguments.of(
            "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"rules\": [{\"id\": \"CVE-1\","
                + " \"properties\": {\"security-severity\": \"high\"}}]}}, \"results\": [{\"ruleId\": \"CVE-1\","
                + " \"properties\": {\"packageName\": \"p\"}}]}]}",
            "report.json: at /runs/0/tool/driver/rules/0/properties/security-severity: security-severity \"high\" is not a number"),
        Arguments.of(
            "{\"name\": \"devsecops-app\", \"dependencies\": {}}",
            "report.json: at /: not a Trivy JSON (SchemaVersion, Results), Grype JSON (matches) or SARIF"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badReports")
  void namesTheProblem(String json, String expected) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(json));

    assertThat(e).as("accepted: " + json).isNotNull();
    assertThat(e.problems())
        .extracting(Problem::render)
        .anySatisfy(p -> assertThat(p).startsWith(expected));
  }

  @Test
  void reportsEveryProblemOfAReportNotOnlyTheFirst() {
    String json =
        "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": ["
            + "{\"PkgName\": \"a\"}, {\"VulnerabilityID\": \"CVE-2\"}]}]}";

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(json));

    assertThat(e.problems())
        .extracting(Problem::pointer)
        .containsExactly(
            "/Results/0/Vulnerabilities/0/VulnerabilityID", "/Results/0/Vulnerabilities/1/PkgName");
  }

  @Test
  void grypeTakesTheHighestV3ScoreAndIgnoresV2() throws Exception {
    String json =
        """
        {"matches": [{"vulnerability": {"id": "CVE-2099-1", "severity": "Low", "cvss": [
           {"version": "2.0", "vector": "AV:N/AC:L/Au:N/C:C/I:C/A:C", "metrics": {"baseScore": 10.0}},
           {"source": "nvd@nist.gov", "version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "metrics": {"baseScore": 7.5}},
           {"source": "ghsa", "version": "3.0", "vector": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metrics": {"baseScore": 9.8}}]},
          "artifact": {"name": "p", "version": "1"}}],
         "descriptor": {"name": "grype"}}
        """;

    ReportedFinding f = read(json).get(0);

    assertThat(f.score().value()).isEqualByComparingTo("9.8");
    assertThat(f.score().source()).isEqualTo("ghsa cvss 3.0");
    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(f.key().toString()).isEqualTo("CVE-2099-1|p|1");
  }

  @Test
  void aStatedScoreWinsOverAHigherVectorAndVectorsAreOnlyScoredWithoutOne() throws Exception {
    String json =
        """
        {"SchemaVersion": 2, "Results": [{"Target": "t", "Vulnerabilities": [
          {"VulnerabilityID": "CVE-2099-1", "PkgName": "p", "InstalledVersion": "1",
           "CVSS": {"nvd": {"V3Score": 5.0}, "redhat": {"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}}]}]}
        """;

    ReportedFinding f = read(json).get(0);

    assertThat(f.score().value()).isEqualByComparingTo("5.0");
    assertThat(f.score().source()).isEqualTo("nvd V3Score");
    assertThat(f.location()).isEqualTo("t");
  }
}
