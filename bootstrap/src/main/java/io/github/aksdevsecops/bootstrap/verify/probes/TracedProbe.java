package io.github.aksdevsecops.bootstrap.verify.probes;

import java.util.function.Supplier;

/** A probe of the public entry point that sends a request with a fresh trace id. */
abstract class TracedProbe extends IngressProbe {
  private final Supplier<String> traceIds;

  /** With the trace ids to send (tests fix them; {@link Traced#newTraceId()} otherwise). */
  TracedProbe(Supplier<String> traceIds) {
    this.traceIds = traceIds;
  }

  String nextTraceId() {
    return traceIds.get();
  }
}
