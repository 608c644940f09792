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
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score 11 is outside 0.0-10.0"),
        Arguments.of(
            trivyScore("\"1E-999999999\""),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score \"1E-999999999\""
                + " is not a plain decimal number"),
        Arguments.of(
            trivyScore("1E-999999999"),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score 1E-999999999"
                + " is not a plain decimal number"),
        Arguments.of(
            trivyScore("1E+999999999"),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score 1E+999999999"
                + " is not a plain decimal number"),
        Arguments.of(
            trivyScore("1E-9999999999"),
            "report.json: not valid JSON: Value \"1E-9999999999\" can not be deserialized"),
        Arguments.of(
            trivyScore("0.12345678901234567"),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score"
                + " 0.12345678901234567 is not a plain decimal number"),
        Arguments.of(
            trivyScore("\"NaN\""),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score \"NaN\" is not"),
        Arguments.of(
            trivyScore("\"-Infinity\""),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score \"-Infinity\""
                + " is not"),
        Arguments.of(trivyScore("NaN"), "report.json:1: not valid JSON"),
        Arguments.of(
            trivyScore("-0.1"),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score -0.1 is outside"),
        Arguments.of(
            trivyScore("\"10.01\""),
            "report.json: at /Results/0/Vulnerabilities/0/CVSS/nvd/V3Score: V3Score 10.01 is"
                + " outside"),
        Arguments.of(
            "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\":"
                + " \"CVE-1\", \"PkgName\": \"p\", \"CVSS\": {\"nvd\": {\"V3Score\": 9.8},"
                + " \"nvd\": {\"V3Score\": 1.0}}}]}]}",
            "report.json:1: not valid JSON: duplicate key 'nvd' in one object"),
        Arguments.of(
            "[{\"vulnerabilities\": [], \"ok\": true}, {\"ok\": false, \"error\": \"Could not"
                + " detect supported target files\", \"path\": \"app\"}]",
            "report.json: at /1/error: Snyk could not test app: Could not detect supported target"
                + " files"),
        Arguments.of(
            "{\"vulnerabilities\": [{\"id\": \"SNYK-1\", \"version\": \"1\"}], \"ok\": false}",
            "report.json: at /vulnerabilities/0/packageName: missing packageName"),
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
            "report.json: at /runs/0/tool/driver/rules/0/properties/security-severity: security-severity \"high\" is not a plain decimal number"),
        Arguments.of(
            "{\"name\": \"devsecops-app\", \"dependencies\": {}}",
            "report.json: at /: not a Trivy JSON (SchemaVersion, Results), Grype JSON (matches), SARIF"));
  }

  /** A Trivy report whose one finding states the nvd V3Score as {@code value}, raw JSON. */
  static String trivyScore(String value) {
    return "{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\":"
        + " \"CVE-1\", \"PkgName\": \"p\", \"CVSS\": {\"nvd\": {\"V3Score\": "
        + value
        + "}}}]}]}";
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
  void aHugeExponentIsRefusedAtOnceInsteadOfSpelledOut() {
    long start = System.nanoTime();

    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class, () -> read(trivyScore("\"1E-999999999\"")));

    assertThat(e).isNotNull();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void plainScoresWithinRangeAreRead() throws Exception {
    assertThat(read(trivyScore("\"9.80\"")).get(0).score().value()).isEqualByComparingTo("9.8");
    assertThat(read(trivyScore("10")).get(0).score().text()).isEqualTo("10.0");
    assertThat(read(trivyScore("0")).get(0).score().text()).isEqualTo("0.0");
    assertThat(read(trivyScore("7.25")).get(0).score().text()).isEqualTo("7.25");
  }

  @Test
  void snykFindingsTakeTheCveAsIdAndTheHighestV3Assessment() throws Exception {
    String json =
        """
        {"vulnerabilities": [
          {"id": "SNYK-JAVA-X-1", "title": "t", "packageName": "g:a", "version": "1",
           "CVSSv3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N/E:P", "cvssScore": 5.3,
           "cvssDetails": [{"assigner": "NVD", "cvssV3BaseScore": 7.5,
             "cvssV3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
           "identifiers": {"CVE": ["CVE-2099-1"], "CWE": []}, "severity": "medium",
           "from": ["root@1", "g:a@1"]},
          {"id": "SNYK-JAVA-X-2", "title": "v4 only", "packageName": "g:b", "version": "2",
           "cvssScore": 9.3, "cvssSources": [{"type": "primary", "cvssVersion": "4.0",
             "baseScore": 9.3, "vector": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
             {"type": "secondary", "assigner": "NVD", "cvssVersion": "3.1",
              "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
           "identifiers": {"CVE": []}, "severity": "high", "severityWithCritical": "critical"}],
         "ok": false, "packageManager": "maven", "displayTargetFile": "pom.xml"}
        """;

    List<ReportedFinding> findings = read(json);

    assertThat(findings).hasSize(2);
    ReportedFinding cve = findings.get(0);
    assertThat(cve.key().toString()).isEqualTo("CVE-2099-1|g:a|1");
    assertThat(cve.score().value()).isEqualByComparingTo("7.5");
    assertThat(cve.score().source()).isEqualTo("NVD cvssV3BaseScore");
    assertThat(cve.location()).isEqualTo("pom.xml");
    assertThat(cve.title()).isEqualTo("t (SNYK-JAVA-X-1)");
    ReportedFinding v4 = findings.get(1);
    assertThat(v4.key().toString()).isEqualTo("SNYK-JAVA-X-2|g:b|2");
    assertThat(v4.score().value())
        .as("v3 vector scored, v4 score ignored")
        .isEqualByComparingTo("9.8");
    assertThat(v4.score().source()).isEqualTo("NVD cvss 3.1");
    assertThat(v4.severity()).isEqualTo(Severity.CRITICAL);
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
