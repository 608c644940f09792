package io.github.aksdevsecops.gate.cli;

import static io.github.aksdevsecops.gate.cli.Cli.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture through the CLI: decision, exit code, counts, keys per level and tickets. */
class GateCommandTest {
  static final String TEMPLATE = "CVE-2099-0900|com.example:template-engine|3.2.0";
  static final String XML = "CVE-2099-0890|com.example:xml-binding|1.4.2";
  static final String HTTP = "CVE-2099-0700|com.example:http-client|5.1.0";
  static final String MARKDOWN = "CVE-2099-0690|com.example:markdown|0.9.0";
  static final String SERIALIZER = "CVE-2099-0980|com.example:serializer|2.0.0";
  static final String LIB1 = "CVE-2099-0070|libexample1|1.2.3-1+deb12u1";
  static final String LIB2 = "CVE-2099-0071|libexample2|4.5-2";
  static final String LEGACY = "CVE-2099-0200|com.example:legacy-codec|1.0";
  static final String TEXT = "CVE-2099-1001|org.example:text-utils|1.9";
  static final String H2_97 = "CVE-2099-1002|org.example:http2-codec|4.1.97";
  static final String H2_99 = "CVE-2099-1002|org.example:http2-codec|4.1.99";
  static final String YAML = "CVE-2099-1003|org.example:yaml-parser|1.33";
  static final String JSON_LIB = "CVE-2099-3001|com.example:json-lib|2.3";
  static final String TEMPLATES = "GHSA-2345-6789-cfgh|com.example:templates|0.4";
  static final String HIGH_OVERDUE = "CVE-2099-2001|com.example:high-overdue|1.0";
  static final String MEDIUM_OVERDUE = "CVE-2099-2002|com.example:medium-overdue|1.0";
  static final String HIGH_ON_TIME = "CVE-2099-2003|com.example:high-on-time|1.0";
  static final String LOW_OLD = "CVE-2099-2004|com.example:low-old|1.0";
  static final String MEDIUM_NEW = "CVE-2099-2005|com.example:medium-new|1.0";
  static final String SNYK_CRITICAL = "CVE-2099-4001|com.example:snyk-critical|1.0";
  static final String SNYK_CVE_A = "CVE-2099-4002|com.example:two-cves|2.1";
  static final String SNYK_CVE_B = "CVE-2099-4003|com.example:two-cves|2.1";
  static final String SNYK_NO_CVE = "SNYK-JAVA-COMEXAMPLE-9000004|com.example:no-cve|0.3";
  static final String SNYK_NVD_HIGHER = "CVE-2099-4005|com.example:assessed-higher|1.2";
  static final String SNYK_OS = "CVE-2099-4010|libexample3|1.0-1";

  /** What one run must produce. */
  record Expect(
      int exit,
      String decision,
      List<String> block,
      List<String> warn,
      List<String> log,
      List<String> suppressed,
      List<String> tickets) {}

  static Expect expect(int exit, String decision) {
    return new Expect(exit, decision, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  static Expect block(Expect e, String... keys) {
    return new Expect(e.exit, e.decision, List.of(keys), e.warn, e.log, e.suppressed, e.tickets);
  }

  static Expect warn(Expect e, String... keys) {
    return new Expect(e.exit, e.decision, e.block, List.of(keys), e.log, e.suppressed, e.tickets);
  }

  static Expect log(Expect e, String... keys) {
    return new Expect(e.exit, e.decision, e.block, e.warn, List.of(keys), e.suppressed, e.tickets);
  }

  static Expect suppressed(Expect e, String... keys) {
    return new Expect(e.exit, e.decision, e.block, e.warn, e.log, List.of(keys), e.tickets);
  }

  static Expect tickets(Expect e, String... keys) {
    return new Expect(e.exit, e.decision, e.block, e.warn, e.log, e.suppressed, List.of(keys));
  }

  static List<String> args(String... fixtures) {
    List<String> args = new ArrayList<>();
    for (String f : fixtures) {
      if (f.startsWith("ignores/")) {
        args.add("--ignores");
      } else if (f.startsWith("state/")) {
        args.add("--state");
      } else {
        args.add("--report");
      }
      args.add(fixture(f));
    }
    return args;
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of(
            "score 9.0 blocks although Trivy says HIGH",
            args("trivy/score-9.0.json"),
            block(expect(1, "BLOCK"), TEMPLATE)),
        Arguments.of(
            "score 8.9 warns although Trivy says CRITICAL",
            args("trivy/score-8.9.json"),
            tickets(warn(expect(0, "WARN"), XML), XML)),
        Arguments.of(
            "score 7.0 warns",
            args("trivy/score-7.0.json"),
            tickets(warn(expect(0, "WARN"), HTTP), HTTP)),
        Arguments.of(
            "score 6.9 is logged although Trivy says HIGH",
            args("trivy/score-6.9.json"),
            log(expect(0, "PASS"), MARKDOWN)),
        Arguments.of(
            "a vector-only finding is scored from its vector (9.8) and blocks",
            args("trivy/vector-only.json"),
            block(expect(1, "BLOCK"), SERIALIZER)),
        Arguments.of(
            "without any score the severity word decides, case-insensitive",
            args("trivy/severity-only.json"),
            tickets(log(warn(expect(0, "WARN"), LIB1), LIB2), LIB1)),
        Arguments.of(
            "v2-only scores are ignored: the LOW word decides",
            args("trivy/v2-only.json"),
            log(expect(0, "PASS"), LEGACY)),
        Arguments.of("a clean report passes", args("trivy/clean.json"), expect(0, "PASS")),
        Arguments.of(
            "Trivy and Grype naming the same key give one finding; other versions are others",
            args("trivy/image.json", "grype/image.json"),
            tickets(log(warn(block(expect(1, "BLOCK"), TEXT), H2_97, H2_99), YAML), H2_97, H2_99)),
        Arguments.of(
            "active entries suppress (with and without package); an expired one does not",
            args("trivy/image.json", "grype/image.json", "ignores/ignores.yaml"),
            tickets(suppressed(warn(expect(0, "WARN"), H2_97, H2_99), TEXT, YAML), H2_97, H2_99)),
        Arguments.of(
            "SARIF: result score before rule score, severity word without a score",
            args("sarif/scanner.sarif"),
            tickets(warn(block(expect(1, "BLOCK"), TEXT, TEMPLATES), JSON_LIB), JSON_LIB)),
        Arguments.of(
            "overdue High blocks, overdue Medium warns, exactly 7 days is on time",
            args("trivy/sla.json", "state/sla.json"),
            tickets(
                log(
                    warn(block(expect(1, "BLOCK"), HIGH_OVERDUE), HIGH_ON_TIME, MEDIUM_OVERDUE),
                    MEDIUM_NEW,
                    LOW_OLD),
                HIGH_ON_TIME,
                MEDIUM_OVERDUE)),
        Arguments.of(
            "Snyk --all-projects: CVE ids (one finding per CVE), repeated paths once, a v4-only"
                + " score ignored for the severity word, the highest v3 assessment, no license issue",
            args("snyk/all-projects.json"),
            tickets(
                log(
                    warn(
                        block(expect(1, "BLOCK"), SNYK_CRITICAL),
                        SNYK_CVE_A,
                        SNYK_CVE_B,
                        SNYK_NVD_HIGHER),
                    SNYK_NO_CVE),
                SNYK_CVE_A,
                SNYK_CVE_B,
                SNYK_NVD_HIGHER)),
        Arguments.of(
            "Snyk container JSON: the OS package and the jar's dependency from applications[]",
            args("snyk/container.json"),
            block(expect(1, "BLOCK"), SNYK_CRITICAL, SNYK_OS)),
        Arguments.of(
            "an ignore entry exactly 90 days ahead is within the policy",
            args("trivy/score-6.9.json", "ignores/ignores.yaml"),
            log(expect(0, "PASS"), MARKDOWN)),
        Arguments.of(
            "without a state file every finding is first seen now: nothing is overdue",
            args("trivy/sla.json"),
            tickets(
                log(
                    warn(expect(0, "WARN"), HIGH_OVERDUE, HIGH_ON_TIME),
                    MEDIUM_OVERDUE,
                    MEDIUM_NEW,
                    LOW_OLD),
                HIGH_OVERDUE,
                HIGH_ON_TIME)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void decides(String scenario, List<String> inputs, Expect expect) {
    List<String> argv = new ArrayList<>(inputs);
    argv.addAll(List.of("--now", Cli.NOW, "--output", "json"));
    Cli.Run run = Cli.run(argv.toArray(String[]::new));

    assertThat(run.code()).as(run.err()).isEqualTo(expect.exit());
    JsonNode json = run.json();
    assertThat(json.get("decision").asText()).isEqualTo(expect.decision());
    JsonNode counts = json.get("counts");
    assertThat(counts.get("block").asInt()).isEqualTo(expect.block().size());
    assertThat(counts.get("warn").asInt()).isEqualTo(expect.warn().size());
    assertThat(counts.get("log").asInt()).isEqualTo(expect.log().size());
    assertThat(counts.get("suppressed").asInt()).isEqualTo(expect.suppressed().size());
    assertThat(run.keys("block")).containsExactlyInAnyOrderElementsOf(expect.block());
    assertThat(run.keys("warn")).containsExactlyInAnyOrderElementsOf(expect.warn());
    assertThat(run.keys("log")).containsExactlyInAnyOrderElementsOf(expect.log());
    assertThat(run.keys("suppressed")).containsExactlyInAnyOrderElementsOf(expect.suppressed());
    assertThat(run.ticketKeys()).containsExactlyInAnyOrderElementsOf(expect.tickets());
    assertThat(json.get("errors")).isEmpty();
    assertThat(run.err()).isEmpty();
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of(
            "a truncated report names its file and line",
            args("trivy/truncated.json"),
            List.of("truncated.json:", "not valid JSON")),
        Arguments.of(
            "a report that is not a scan",
            args("other/cyclonedx-sbom.json"),
            List.of("cyclonedx-sbom.json: at /: not a Trivy JSON")),
        Arguments.of(
            "a finding without a package names the JSON pointer",
            args("grype/missing-package.json"),
            List.of("missing-package.json: at /matches/0/artifact/name: missing name")),
        Arguments.of(
            "an ignore entry without owner, and one with a bad date, both by line",
            args("trivy/score-6.9.json", "ignores/missing-owner.yaml"),
            List.of(
                "missing-owner.yaml:2: entry CVE-2099-1001 is missing owner",
                "missing-owner.yaml:6: entry CVE-2099-1002: expires \"31/12/2026\"")),
        Arguments.of(
            "a state file of another schema with a bad date",
            args("trivy/score-6.9.json", "state/wrong-schema.json"),
            List.of(
                "wrong-schema.json: at /schemaVersion: schemaVersion must be 1",
                "wrong-schema.json: at /firstSeen/CVE-2099-2001|com.example:high-overdue|1.0:")),
        Arguments.of(
            "an ignore entry more than 90 days ahead (the policy's maximum) makes the run invalid",
            args("trivy/score-9.0.json", "ignores/too-far-ahead.yaml"),
            List.of(
                "too-far-ahead.yaml:8: CVE-2099-0900 expires 2027-03-01T08:00:01Z, more than 90"
                    + " days ahead")),
        Arguments.of(
            "an ignore file that breaks the policy is refused by the gate itself",
            args("trivy/score-9.0.json", "ignores/policy-violations.yaml"),
            List.of(
                "policy-violations.yaml:3: not-an-id is not a CVE, GHSA or vendor advisory id",
                "policy-violations.yaml:7: CVE-2099-0900: owner \"nobody\"",
                "policy-violations.yaml:7: CVE-2099-0900: justification \"later\"")),
        Arguments.of(
            "a key written twice in an ignore entry",
            args("trivy/score-9.0.json", "ignores/duplicate-key.yaml"),
            List.of("duplicate-key.yaml:7: duplicate key expires (first at line 6)")),
        Arguments.of(
            "a first-seen date after now",
            args("trivy/score-7.0.json", "state/future.json"),
            List.of(
                "future.json: at /firstSeen/CVE-2099-0700|com.example:http-client|5.1.0: first"
                    + " seen 2999-01-01T00:00:00Z is after now (2026-12-01T08:00:00Z)")),
        Arguments.of(
            "a key written twice in the state file",
            args("trivy/score-7.0.json", "state/duplicate-key.json"),
            List.of(
                "duplicate-key.json:5: not valid JSON: duplicate key"
                    + " 'CVE-2099-0700|com.example:http-client|5.1.0' in one object")),
        Arguments.of(
            "INVALID beats BLOCK",
            args("trivy/score-9.0.json", "trivy/truncated.json"),
            List.of("truncated.json:")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void rejectsInvalidInput(String scenario, List<String> inputs, List<String> messages) {
    List<String> argv = new ArrayList<>(inputs);
    argv.addAll(List.of("--now", Cli.NOW, "--output", "json"));
    Cli.Run run = Cli.run(argv.toArray(String[]::new));

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.json().get("decision").asText()).isEqualTo("INVALID");
    assertThat(run.json().get("findings")).isEmpty();
    List<String> errors = new ArrayList<>();
    run.json().get("errors").forEach(e -> errors.add(e.get("text").asText()));
    for (String message : messages) {
      assertThat(errors).anySatisfy(e -> assertThat(e).contains(message));
      assertThat(run.err()).contains(message);
    }
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
