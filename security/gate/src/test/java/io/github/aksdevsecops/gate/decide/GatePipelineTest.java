package io.github.aksdevsecops.gate.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.gate.model.Decision;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.GateState;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.Level;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision pipeline without I/O. */
class GatePipelineTest {
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  static ReportedFinding finding(
      String id, String pkg, String version, String score, String report) {
    return finding(id, pkg, version, score, Severity.UNKNOWN, report);
  }

  static ReportedFinding finding(
      String id, String pkg, String version, String score, Severity severity, String report) {
    return new ReportedFinding(
        new FindingKey(id, pkg, version),
        score == null ? null : new Score(new BigDecimal(score), report + " score"),
        severity,
        "title of " + id,
        List.of("https://example.com/" + id),
        "",
        report);
  }

  static IgnoreEntry ignore(String id, String pkg, Instant expires) {
    return new IgnoreEntry(
        id, pkg, "accepted for the test", "@owner", expires, expires.toString(), "ignores.yaml", 3);
  }

  static GateResult decide(List<ReportedFinding> findings) {
    return GatePipeline.decide(findings, List.of(), GateState.empty(), NOW);
  }

  static EvaluatedFinding only(GateResult result) {
    assertThat(result.findings()).hasSize(1);
    return result.findings().get(0);
  }

  @Test
  void sameKeyFromSeveralReportsIsOneFindingWithTheHighestScoreAndEveryReport() {
    GateResult result =
        decide(
            List.of(
                finding("CVE-1", "p", "1", "7.5", Severity.HIGH, "trivy.json"),
                finding("CVE-1", "p", "1", "9.1", Severity.MEDIUM, "grype.json"),
                finding("CVE-1", "p", "1", null, Severity.CRITICAL, "scan.sarif")));

    EvaluatedFinding f = only(result);
    assertThat(f.finding().score().value()).isEqualByComparingTo("9.1");
    assertThat(f.finding().score().source()).isEqualTo("grype.json score");
    assertThat(f.finding().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.finding().reports()).containsExactly("trivy.json", "grype.json", "scan.sarif");
    assertThat(result.decision()).isEqualTo(Decision.BLOCK);
  }

  @Test
  void sameIdInAnotherPackageOrVersionIsAnotherFinding() {
    GateResult result =
        decide(
            List.of(
                finding("CVE-1", "p", "1", "7.5", "a"),
                finding("CVE-1", "p", "2", "7.5", "a"),
                finding("CVE-1", "q", "1", "7.5", "a"),
                finding("CVE-1", "p", "1", "7.5", "b")));

    assertThat(result.findings())
        .extracting(f -> f.key().toString())
        .containsExactlyInAnyOrder("CVE-1|p|1", "CVE-1|p|2", "CVE-1|q|1");
    assertThat(result.tickets()).hasSize(3);
  }

  @Test
  void aScoreFromAnyReportBeatsAWordFromAnother() {
    GateResult result =
        decide(
            List.of(
                finding("CVE-1", "p", "1", null, Severity.CRITICAL, "a"),
                finding("CVE-1", "p", "1", "5.0", Severity.MEDIUM, "b")));

    assertThat(only(result).finalLevel()).isEqualTo(Level.LOG);
    assertThat(result.decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void anEntryWithoutPackageCoversEveryPackageAndOneWithPackageOnlyThatOne() {
    Instant later = NOW.plus(Duration.ofDays(30));
    GateResult result =
        GatePipeline.decide(
            List.of(
                finding("CVE-1", "p", "1", "9.8", "a"),
                finding("CVE-1", "q", "1", "9.8", "a"),
                finding("CVE-2", "p", "1", "9.8", "a"),
                finding("CVE-2", "q", "1", "9.8", "a")),
            List.of(ignore("CVE-1", null, later), ignore("CVE-2", "q", later)),
            GateState.empty(),
            NOW);

    assertThat(result.findings())
        .filteredOn(EvaluatedFinding::suppressed)
        .extracting(f -> f.key().toString())
        .containsExactlyInAnyOrder("CVE-1|p|1", "CVE-1|q|1", "CVE-2|q|1");
    assertThat(result.counts().block()).isEqualTo(1);
    assertThat(result.counts().suppressed()).isEqualTo(3);
    assertThat(result.decision()).isEqualTo(Decision.BLOCK);
  }

  @Test
  void anEntryExpiringNowSuppressesNothingAndIsReportedOneSecondLaterStillActive() {
    IgnoreEntry expiring = ignore("CVE-1", null, NOW);
    IgnoreEntry active = ignore("CVE-2", null, NOW.plusSeconds(1));
    GateResult result =
        GatePipeline.decide(
            List.of(finding("CVE-1", "p", "1", "9.8", "a"), finding("CVE-2", "p", "1", "9.8", "a")),
            List.of(expiring, active),
            GateState.empty(),
            NOW);

    assertThat(result.expiredIgnores()).containsExactly(expiring);
    assertThat(result.findings())
        .filteredOn(EvaluatedFinding::suppressed)
        .extracting(f -> f.key().id())
        .containsExactly("CVE-2");
    assertThat(result.decision()).isEqualTo(Decision.BLOCK);
  }

  @Test
  void overdueMovesUpOneLevelOnlyWhenTheSlaIsExceeded() {
    Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
    GateState state =
        new GateState(
            Map.of(
                "CVE-H|p|1", NOW.minus(Duration.ofDays(7)),
                "CVE-H2|p|1", NOW.minus(Duration.ofDays(7)).minusMillis(1),
                "CVE-M|p|1", NOW.minus(Duration.ofDays(30)).minusSeconds(1),
                "CVE-C|p|1", eightDaysAgo,
                "CVE-L|p|1", NOW.minus(Duration.ofDays(900)),
                "CVE-S|p|1", eightDaysAgo));
    GateResult result =
        GatePipeline.decide(
            List.of(
                finding("CVE-H", "p", "1", "8.9", "a"),
                finding("CVE-H2", "p", "1", "7.0", "a"),
                finding("CVE-M", "p", "1", null, Severity.MEDIUM, "a"),
                finding("CVE-C", "p", "1", "9.0", "a"),
                finding("CVE-L", "p", "1", "3.9", "a"),
                finding("CVE-S", "p", "1", "7.5", "a")),
            List.of(ignore("CVE-S", null, NOW.plus(Duration.ofDays(1)))),
            state,
            NOW);

    Map<String, EvaluatedFinding> byId =
        result.findings().stream()
            .collect(java.util.stream.Collectors.toMap(f -> f.key().id(), f -> f));
    assertThat(byId.get("CVE-H").finalLevel()).isEqualTo(Level.WARN);
    assertThat(byId.get("CVE-H").escalated()).isFalse();
    assertThat(byId.get("CVE-H2").finalLevel()).isEqualTo(Level.BLOCK);
    assertThat(byId.get("CVE-H2").escalated()).isTrue();
    assertThat(byId.get("CVE-M").finalLevel()).isEqualTo(Level.WARN);
    assertThat(byId.get("CVE-M").slaDue()).isEqualTo(NOW.minusSeconds(1));
    assertThat(byId.get("CVE-C").finalLevel()).isEqualTo(Level.BLOCK);
    assertThat(byId.get("CVE-C").escalated()).isFalse();
    assertThat(byId.get("CVE-L").finalLevel()).isEqualTo(Level.LOG);
    assertThat(byId.get("CVE-L").slaDue()).isNull();
    assertThat(byId.get("CVE-S").suppressed()).isTrue();
    assertThat(byId.get("CVE-S").escalated()).isFalse();
    assertThat(result.tickets())
        .extracting(t -> t.key().id())
        .containsExactlyInAnyOrder("CVE-H", "CVE-M");
  }

  @Test
  void nextStateKeepsFirstSeenOfPresentFindingsAddsNewAtNowAndDropsTheRest() {
    Instant earlier = NOW.minus(Duration.ofDays(3));
    GateState state = new GateState(Map.of("CVE-1|p|1", earlier, "CVE-9|gone|1", earlier));
    IgnoreEntry active = ignore("CVE-3", null, NOW.plus(Duration.ofDays(1)));
    GateResult result =
        GatePipeline.decide(
            List.of(
                finding("CVE-1", "p", "1", "5.0", "a"),
                finding("CVE-2", "p", "1", "5.0", "a"),
                finding("CVE-3", "p", "1", "5.0", "a")),
            List.of(active),
            state,
            NOW);

    assertThat(result.nextState().firstSeen())
        .containsExactly(
            Map.entry("CVE-1|p|1", earlier),
            Map.entry("CVE-2|p|1", NOW),
            Map.entry("CVE-3|p|1", NOW));
  }

  @Test
  void noFindingsPass() {
    GateResult result = decide(List.of());

    assertThat(result.decision()).isEqualTo(Decision.PASS);
    assertThat(result.counts().block() + result.counts().warn() + result.counts().log()).isZero();
  }

  @Test
  void findingsAreOrderedBlockWarnLogThenSuppressedHighestScoreFirst() {
    GateResult result =
        GatePipeline.decide(
            List.of(
                finding("CVE-1", "p", "1", "5.0", "a"),
                finding("CVE-2", "p", "1", "9.1", "a"),
                finding("CVE-3", "p", "1", "7.1", "a"),
                finding("CVE-4", "p", "1", "9.8", "a"),
                finding("CVE-5", "p", "1", null, Severity.HIGH, "a"),
                finding("CVE-6", "p", "1", "10.0", "a")),
            List.of(ignore("CVE-6", null, NOW.plusSeconds(60))),
            GateState.empty(),
            NOW);

    assertThat(result.findings())
        .extracting(f -> f.key().id())
        .containsExactly("CVE-4", "CVE-2", "CVE-3", "CVE-5", "CVE-1", "CVE-6");
  }
}
