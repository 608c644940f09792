package io.github.aksdevsecops.bootstrap.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits derived from --probe-timeout and --patience. */
class TimingTest {
  @Test
  void theDefaultsPollEveryFiveSecondsAndGivePodsThreeMinutes() {
    Timing t = Timing.of(Duration.ofSeconds(240), Duration.ofSeconds(60));
    assertThat(t.poll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.podReady()).isEqualTo(Duration.ofSeconds(180));
  }

  @Test
  void pollingStaysBetweenATenthOfASecondAndFiveSeconds() {
    assertThat(Timing.of(Duration.ofSeconds(5), Duration.ofSeconds(1)).poll())
        .isEqualTo(Duration.ofMillis(100));
    assertThat(Timing.of(Duration.ofSeconds(600), Duration.ofSeconds(24)).poll())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(Timing.of(Duration.ofSeconds(3600), Duration.ofSeconds(3600)).poll())
        .isEqualTo(Duration.ofSeconds(5));
  }
}
