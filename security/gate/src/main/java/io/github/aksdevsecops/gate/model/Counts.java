package io.github.aksdevsecops.gate.model;

/** Findings per final level, suppressed ones apart. */
public record Counts(int block, int warn, int log, int suppressed) {}
