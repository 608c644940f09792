package io.github.aksdevsecops.bootstrap.verify;

import java.time.Duration;

/**
 * How long a run waits. {@code patience} bounds waiting for an effect to show up elsewhere (a Falco
 * alert, a trace in Tempo, Argo CD's verdict); tests shrink every figure.
 */
public record Timing(Duration probe, Duration patience, Duration poll, Duration podReady) {
  /** 60 s for an alert or trace to arrive, as the controls promise; four minutes per probe. */
  public static final Timing DEFAULT =
      new Timing(
          Duration.ofMinutes(4),
          Duration.ofSeconds(60),
          Duration.ofSeconds(5),
          Duration.ofMinutes(3));
}
