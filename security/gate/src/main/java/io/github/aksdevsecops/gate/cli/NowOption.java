package io.github.aksdevsecops.gate.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** {@code --now}: the instant to decide at; tests and reruns fix it, otherwise the clock. */
final class NowOption {
  @Option(
      names = "--now",
      paramLabel = "RFC3339",
      converter = InstantConverter.class,
      description = "the time to decide at, e.g. 2026-12-01T08:00:00Z (default: the clock)")
  Instant now;

  /** --now, else the clock to the second (state files and due dates stay readable). */
  Instant resolve(Clock clock) {
    return now != null ? now : clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
