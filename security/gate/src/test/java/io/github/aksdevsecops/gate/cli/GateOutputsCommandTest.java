package io.github.aksdevsecops.gate.cli;

import static io.github.aksdevsecops.gate.cli.Cli.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the gate writes for the workflow, the text output and the command-line errors. */
class GateOutputsCommandTest {
  @TempDir Path dir;

  private static JsonNode read(Path file) throws IOException {
    return Cli.JSON.readTree(Files.readString(file));
  }

  /** The SLA fixture with its state file at the fixed now, plus {@code extra} options. */
  private static Cli.Run runSla(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--report", fixture("trivy/sla.json"),
                "--state", fixture("state/sla.json"),
                "--now", Cli.NOW));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Runs the SLA fixture, which blocks, with {@code option out}, and reads what it wrote. */
  private static JsonNode slaWrites(String option, Path out) throws IOException {
    Cli.Run run = runSla(option, out.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.BLOCK);
    return read(out);
  }

  @Test
  void stateOutKeepsFirstSeenAddsNewAtNowAndDropsGoneKeys() throws IOException {
    Path out = dir.resolve("state/next.json");
    JsonNode state = slaWrites("--state-out", out);
    assertThat(state.get("schemaVersion").asInt()).isEqualTo(1);
    Map<String, String> seen = new HashMap<>();
    state
        .get("firstSeen")
        .fields()
        .forEachRemaining(e -> seen.put(e.getKey(), e.getValue().asText()));
    assertThat(seen)
        .containsOnlyKeys(
            GateCommandTest.HIGH_OVERDUE,
            GateCommandTest.MEDIUM_OVERDUE,
            GateCommandTest.HIGH_ON_TIME,
            GateCommandTest.LOW_OLD,
            GateCommandTest.MEDIUM_NEW)
        .containsEntry(GateCommandTest.HIGH_OVERDUE, "2026-11-24T07:59:59Z")
        .containsEntry(GateCommandTest.LOW_OLD, "2025-01-01T00:00:00Z")
        .containsEntry(GateCommandTest.MEDIUM_NEW, Cli.NOW);
    List<String> order = new ArrayList<>();
    state.get("firstSeen").fieldNames().forEachRemaining(order::add);
    assertThat(order).isSorted();

    Cli.Run again =
        Cli.run(
            "--report",
            fixture("trivy/sla.json"),
            "--state",
            out.toString(),
            "--now",
            Cli.NOW,
            "--output",
            "json");
    assertThat(again.json().get("decision").asText()).isEqualTo("BLOCK");
  }

  @Test
  void ticketsCarryKeyScoreSlaDueTitleAndTheLookupLine() throws IOException {
    Path out = dir.resolve("tickets.json");
    JsonNode file = slaWrites("--tickets-out", out);
    assertThat(file.get("label").asText()).isEqualTo("vulnerability");
    Map<String, JsonNode> byKey = new HashMap<>();
    file.get("tickets").forEach(t -> byKey.put(t.get("key").asText(), t));
    assertThat(byKey)
        .containsOnlyKeys(GateCommandTest.HIGH_ON_TIME, GateCommandTest.MEDIUM_OVERDUE);
    JsonNode medium = byKey.get(GateCommandTest.MEDIUM_OVERDUE);
    assertThat(medium.get("score").decimalValue()).isEqualByComparingTo("5.3");
    assertThat(medium.get("escalated").asBoolean()).isTrue();
    assertThat(medium.get("slaDue").asText()).isEqualTo("2026-11-30T07:00:00Z");
    assertThat(medium.get("title").asText())
        .isEqualTo("CVE-2099-2002 in com.example:medium-overdue 1.0");
    assertThat(medium.get("references").get(0).asText()).contains("cve-2099-2002");
    assertThat(medium.get("body").asText())
        .contains("security-gate-key: " + GateCommandTest.MEDIUM_OVERDUE + "\n")
        .contains("escalated")
        .contains("2026-11-30T07:00:00Z");
    JsonNode high = byKey.get(GateCommandTest.HIGH_ON_TIME);
    assertThat(high.get("slaDue").asText()).isEqualTo(Cli.NOW);
    assertThat(high.get("escalated").asBoolean()).isFalse();
  }

  @Test
  void sarifSetsSecuritySeverityOnEveryRuleAndReadsBackToTheSameLevels() throws IOException {
    Path sarif = dir.resolve("gate.sarif");
    Cli.Run first =
        Cli.run(
            "--report", fixture("trivy/image.json"),
            "--report", fixture("grype/image.json"),
            "--report", fixture("trivy/severity-only.json"),
            "--now", Cli.NOW,
            "--output", "json",
            "--sarif-out", sarif.toString());

    JsonNode log = read(sarif);
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = log.get("runs").get(0);
    for (JsonNode rule : run.get("tool").get("driver").get("rules")) {
      assertThat(rule.path("properties").path("security-severity").asText())
          .as(rule.get("id").asText())
          .matches("\\d+(\\.\\d+)?");
    }
    assertThat(run.get("results")).hasSize(first.json().get("findings").size());
    for (JsonNode result : run.get("results")) {
      assertThat(result.get("locations")).isNotEmpty();
    }

    Cli.Run back = Cli.run("--report", sarif.toString(), "--now", Cli.NOW, "--output", "json");
    for (String level : List.of("block", "warn", "log")) {
      assertThat(back.keys(level)).as(level).containsExactlyInAnyOrderElementsOf(first.keys(level));
    }
    assertThat(back.code()).isEqualTo(first.code()).isEqualTo(ExitCodes.BLOCK);
  }

  @Test
  void sarifMarksSuppressedFindingsWithTheJustification() throws IOException {
    Path sarif = dir.resolve("gate.sarif");
    Cli.run(
        "--report", fixture("trivy/image.json"),
        "--ignores", fixture("ignores/ignores.yaml"),
        "--now", Cli.NOW,
        "--sarif-out", sarif.toString());

    JsonNode suppressed = null;
    for (JsonNode r : read(sarif).get("runs").get(0).get("results")) {
      if (r.get("ruleId").asText().equals("CVE-2099-1001")) {
        suppressed = r;
      }
    }
    assertThat(suppressed).isNotNull();
    assertThat(suppressed.get("suppressions").get(0).get("justification").asText())
        .contains("never called with untrusted input");
    assertThat(suppressed.get("properties").get("gateLevel").asText()).isEqualTo("suppressed");
  }

  @Test
  void summaryAppendsDecisionCountsFindingsWithSlaDueAndExpiredIgnores() throws IOException {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "earlier step\n");
    Cli.Run run =
        Cli.run(
            "--report", fixture("trivy/image.json"),
            "--report", fixture("grype/image.json"),
            "--ignores", fixture("ignores/ignores.yaml"),
            "--now", Cli.NOW,
            "--summary-out", summary.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    String md = Files.readString(summary);
    assertThat(md)
        .startsWith("earlier step\n")
        .contains("## Vulnerability gate: WARN")
        .contains("| warn | 2 |")
        .contains("| suppressed | 2 |")
        .contains(
            "| warn | CVE-2099-1002 | org.example:http2-codec | 4.1.97 | 7.5 | 2026-12-08T08:00:00Z | no |")
        .contains("CVE-2099-1002, owner security@example.com, expired 2026-12-01T08:00:00Z")
        .doesNotContain("text-utils");
  }

  @Test
  void expiredIgnoresAreListedInTheJsonOutput() {
    Cli.Run run =
        Cli.run(
            "--report",
            fixture("trivy/image.json"),
            "--ignores",
            fixture("ignores/ignores.yaml"),
            "--now",
            Cli.NOW,
            "--output",
            "json");

    JsonNode expired = run.json().get("expiredIgnores");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).get("id").asText()).isEqualTo("CVE-2099-1002");
    assertThat(expired.get(0).get("line").asInt()).isEqualTo(8);
    JsonNode text = null;
    for (JsonNode f : run.json().get("findings")) {
      if (f.get("key").asText().equals(GateCommandTest.TEXT)) {
        text = f;
      }
    }
    assertThat(text.get("suppressedBy").get("owner").asText()).isEqualTo("@aks-devsecops/app-team");
    assertThat(text.get("baseLevel").asText()).isEqualTo("block");
  }

  @Test
  void jsonFindingsStateScoreSourceBaseLevelAndReports() {
    Cli.Run run =
        Cli.run(
            "--report",
            fixture("trivy/vector-only.json"),
            "--report",
            fixture("trivy/score-9.0.json"),
            "--now",
            Cli.NOW,
            "--output",
            "json");

    Map<String, JsonNode> byKey = new HashMap<>();
    run.json().get("findings").forEach(f -> byKey.put(f.get("key").asText(), f));
    JsonNode vector = byKey.get(GateCommandTest.SERIALIZER);
    assertThat(vector.get("score").decimalValue()).isEqualByComparingTo("9.8");
    assertThat(vector.get("scoreSource").asText()).isEqualTo("redhat V3Vector");
    assertThat(vector.get("slaDue").asText()).isEqualTo("2026-12-02T08:00:00Z");
    assertThat(vector.get("escalated").asBoolean()).isFalse();
    assertThat(vector.get("reports").get(0).asText()).endsWith("vector-only.json");
    JsonNode stated = byKey.get(GateCommandTest.TEMPLATE);
    assertThat(stated.get("score").decimalValue()).isEqualByComparingTo("9.0");
    assertThat(stated.get("scoreSource").asText()).isEqualTo("nvd V3Score");
    assertThat(stated.get("level").asText()).isEqualTo("block");
  }

  @Test
  void textOutputIsATableWithTheSameFacts() {
    Cli.Run run = runSla();

    assertThat(run.code()).isEqualTo(ExitCodes.BLOCK);
    assertThat(run.out())
        .startsWith("decision: BLOCK (block 1, warn 2, log 2, suppressed 0; 2 tickets)")
        .contains("LEVEL")
        .containsPattern(
            "block +7\\.5 +nvd V3Score +2026-12-01T07:59:59Z +warn \\(overdue\\) +"
                + java.util.regex.Pattern.quote(GateCommandTest.HIGH_OVERDUE));
  }

  @Test
  void invalidRunWritesOnlyTheSummary() throws IOException {
    Path summary = dir.resolve("summary.md");
    Path state = dir.resolve("state.json");
    Path sarif = dir.resolve("gate.sarif");
    Cli.Run run =
        Cli.run(
            "--report", fixture("trivy/truncated.json"),
            "--now", Cli.NOW,
            "--summary-out", summary.toString(),
            "--state-out", state.toString(),
            "--sarif-out", sarif.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).containsPattern("truncated\\.json:\\d+: not valid JSON");
    assertThat(Files.readString(summary))
        .contains("## Vulnerability gate: INVALID")
        .contains("truncated.json");
    assertThat(state).doesNotExist();
    assertThat(sarif).doesNotExist();
  }

  @Test
  void missingReportFileIsInvalid() {
    Cli.Run run = Cli.run("--report", dir.resolve("nope.json").toString(), "--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("nope.json: cannot read: no such file");
  }

  @Test
  void noReportIsAUsageError() {
    Cli.Run run = Cli.run("--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("give at least one --report FILE");
  }

  @Test
  void badNowAndBadOutputAreUsageErrors() {
    Cli.Run now = Cli.run("--report", fixture("trivy/clean.json"), "--now", "yesterday");
    Cli.Run output = Cli.run("--report", fixture("trivy/clean.json"), "--output", "xml");

    assertThat(now.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(now.err()).contains("'yesterday' is not an RFC 3339 date-time");
    assertThat(output.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(output.err()).contains("xml");
  }

  @Test
  void withoutNowTheClockDecides() {
    Cli.Run run = Cli.run("--report", fixture("trivy/score-6.9.json"), "--output", "json");

    assertThat(run.json().get("now").asText()).isEqualTo("2030-01-01T00:00:00Z");
  }

  @Test
  void unwritableOutputIsAnInternalErrorWithoutStackTrace() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    Cli.Run run =
        Cli.run(
            "--report", fixture("trivy/clean.json"),
            "--sarif-out", blocker.resolve("under-a-file.sarif").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(run.err()).contains("cannot write").doesNotContain("\tat ");
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("--report", "--tickets-out", "1   BLOCK", "2   INVALID");
  }
}
