package io.github.aksdevsecops.gate.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.gate.model.Level;
import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TiersTest {

  @ParameterizedTest(name = "{0} → {1}, SLA {2}h")
  @CsvSource({
    "10.0, BLOCK, 24",
    "9.0, BLOCK, 24",
    "8.99, WARN, 168",
    "8.9, WARN, 168",
    "7.0, WARN, 168",
    "6.9, LOG, 720",
    "4.0, LOG, 720",
    "3.9, LOG, -1",
    "0.0, LOG, -1",
  })
  void scoreDecidesLevelAndSlaBand(String score, Level level, long hours) {
    // a CRITICAL word beside every score: the word never overrides a score
    Score s = new Score(new BigDecimal(score), "test");

    assertThat(Tiers.level(s, Severity.CRITICAL)).isEqualTo(level);
    assertThat(Tiers.sla(s, Severity.CRITICAL))
        .isEqualTo(hours < 0 ? null : Duration.ofHours(hours));
  }

  @ParameterizedTest(name = "{0} without score → {1}, SLA {2}h")
  @CsvSource({
    "CRITICAL, BLOCK, 24",
    "HIGH, WARN, 168",
    "MEDIUM, LOG, 720",
    "LOW, LOG, -1",
    "NEGLIGIBLE, LOG, -1",
    "UNKNOWN, LOG, -1",
  })
  void severityWordDecidesWithoutScore(Severity severity, Level level, long hours) {
    assertThat(Tiers.level(null, severity)).isEqualTo(level);
    assertThat(Tiers.sla(null, severity)).isEqualTo(hours < 0 ? null : Duration.ofHours(hours));
  }

  @ParameterizedTest
  @CsvSource({
    "critical, CRITICAL",
    "High, HIGH",
    "Negligible, NEGLIGIBLE",
    "moderate, UNKNOWN",
    ", UNKNOWN"
  })
  void severityWordsAreCaseInsensitive(String word, Severity severity) {
    assertThat(Severity.of(word)).isEqualTo(severity);
  }
}
