package io.github.aksdevsecops.gate.cli;

/** What the gate prints on stdout. */
public enum OutputFormat {
  TEXT,
  JSON
}
