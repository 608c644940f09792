package io.github.aksdevsecops.bootstrap.verify;

import java.time.Duration;

/** A probe and how it ended, for the report. */
public record ProbeOutcome(String id, String control, ProbeResult result, Duration took) {}
