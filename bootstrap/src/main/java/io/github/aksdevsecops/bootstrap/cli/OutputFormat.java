package io.github.aksdevsecops.bootstrap.cli;

/** --output: human text or machine-readable JSON. */
public enum OutputFormat {
  text,
  json
}
