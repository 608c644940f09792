package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(line.lines().count()).as("one physical line: " + line).isEqualTo(1);
    Map<String, Object> json = parse(line);
    assertThat(json.get("level")).isEqualTo("WARN");
    assertThat(json.get("logger")).isEqualTo("a.b");
    assertThat(json.get("message")).isEqualTo("quote \" newline \n tab \t bell \u0007");
    assertThat(json.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.get("span_id")).isEqualTo("00f067aa0ba902b7");
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
    assertThat(json.get("trace_id")).isEqualTo("");
    assertThat(json.get("span_id")).isEqualTo("");
    assertThat(((String) json.get("exception")).contains("boom")).isTrue();
  }
}
