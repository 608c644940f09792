package io.github.aksdevsecops.gate.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** When each finding key was first seen: the start of its remediation SLA clock. */
public record GateState(Map<String, Instant> firstSeen) {
  public static final int SCHEMA_VERSION = 1;

  public GateState {
    firstSeen = Collections.unmodifiableSortedMap(new TreeMap<>(firstSeen));
  }

  public static GateState empty() {
    return new GateState(Map.of());
  }
}
