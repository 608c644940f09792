package io.github.aksdevsecops.gate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifReportTest {

  @ParameterizedTest
  @CsvSource({
    "app/pom.xml, app/pom.xml",
    "/app/libs/text-utils-1.9.jar, /app/libs/text-utils-1.9.jar",
    "aksdevsecops/devsecops-app (debian 12.8), aksdevsecops/devsecops-app%20(debian%2012.8)",
  })
  void locationsBecomeUriReferences(String location, String uri) {
    assertThat(SarifReport.uri(location)).isEqualTo(uri);
  }

  @ParameterizedTest
  @CsvSource({
    ", CRITICAL, 9.0",
    ", HIGH, 7.0",
    ", MEDIUM, 4.0",
    ", LOW, 0.1",
    ", UNKNOWN, 0.0",
    "5.3, CRITICAL, 5.3",
  })
  void securitySeverityIsTheScoreOrTheLowerEdgeOfTheWordsBand(
      String score, Severity severity, String expected) {
    Score s = score == null ? null : new Score(new BigDecimal(score), "test");

    assertThat(SarifReport.securitySeverity(s, severity)).isEqualByComparingTo(expected);
  }
}
