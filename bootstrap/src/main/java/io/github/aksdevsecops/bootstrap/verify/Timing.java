package io.github.aksdevsecops.bootstrap.verify;

import java.time.Duration;

/**
 * How long a run waits. {@code patience} bounds waiting for an effect to show up elsewhere (a Falco
 * alert, a trace in Tempo, Argo CD's verdict); tests shrink every figure.
 */
public record Timing(Duration probe, Duration patience, Duration poll, Duration podReady) {

  /**
   * From the two figures a user sets (verify's defaults: 240 s per probe, 60 s of patience, as the
   * controls promise): polls at a twelfth of the patience, between 0.1 and 5 s; a probe Pod gets
   * three quarters of a probe's time to become Ready.
   */
  public static Timing of(Duration probe, Duration patience) {
    Duration poll = patience.dividedBy(12);
    poll = poll.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : poll;
    poll = poll.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : poll;
    return new Timing(probe, patience, poll, probe.multipliedBy(3).dividedBy(4));
  }
}
