package io.github.aksdevsecops.app.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {

  private final JsonLayout layout = new JsonLayout();
  private final LoggerContext context = new LoggerContext();

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String line) throws IOException {
    return JsonMapper.createDefault().readValue(line, Map.class);
  }

  @Test
  void everyLineIsOneJsonObjectWithTraceFields() throws IOException {
    LoggingEvent event =
        new LoggingEvent(
            "x",
            context.getLogger("a.b"),
            Level.WARN,
            "quote \" newline \n tab \t bell \u0007",
            null,
            null);
    event.setMDCPropertyMap(
        Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"));
    String line = layout.doLayout(event);
    assertEquals(1, line.lines().count(), "one physical line: " + line);
    Map<String, Object> json = parse(line);
    assertEquals("WARN", json.get("level"));
    assertEquals("a.b", json.get("logger"));
    assertEquals("quote \" newline \n tab \t bell \u0007", json.get("message"));
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", json.get("trace_id"));
    assertEquals("00f067aa0ba902b7", json.get("span_id"));
  }

  @Test
  void linesOutsideATraceStillCarryTheFields() throws IOException {
    LoggingEvent event =
        new LoggingEvent(
            "x",
            context.getLogger("a"),
            Level.INFO,
            "startup",
            new IllegalStateException("boom"),
            null);
    event.setMDCPropertyMap(Map.of());
    Map<String, Object> json = parse(layout.doLayout(event));
    assertEquals("", json.get("trace_id"));
    assertEquals("", json.get("span_id"));
    assertTrue(((String) json.get("exception")).contains("boom"));
  }
}
