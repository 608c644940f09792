package io.github.aksdevsecops.gate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI through the one factory, capturing the exit code and both streams. */
final class Cli {
  static final String NOW = "2026-12-01T08:00:00Z";
  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (java.io.IOException e) {
        throw new AssertionError("stdout is not one JSON object:\n" + out, e);
      }
    }

    /**
     * The keys of the findings at {@code level} (block, warn, log, suppressed), in output order.
     */
    List<String> keys(String level) {
      List<String> keys = new ArrayList<>();
      for (JsonNode f : json().get("findings")) {
        if (f.get("level").asText().equals(level)) {
          keys.add(f.get("key").asText());
        }
      }
      return keys;
    }

    List<String> ticketKeys() {
      List<String> keys = new ArrayList<>();
      json().get("tickets").forEach(t -> keys.add(t.get("key").asText()));
      return keys;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00.123456Z"), ZoneOffset.UTC);
    int code =
        new CliFactory(clock)
            .create(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The absolute path of a test fixture, e.g. {@code trivy/score-9.0.json}. */
  static String fixture(String name) {
    try {
      return Path.of(Cli.class.getResource("/fixtures/" + name).toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new AssertionError("no fixture " + name, e);
    }
  }
}
