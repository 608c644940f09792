package io.github.aksdevsecops.app.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line, with {@code trace_id} and {@code span_id} on every line (empty outside
 * a trace) so that Loki can link each line to its trace in Tempo. The OpenTelemetry agent puts the
 * ids in the MDC; when it is absent, the current span of opentelemetry-api is used.
 */
public class JsonLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String traceId = mdc.get("trace_id");
    String spanId = mdc.get("span_id");
    if (traceId == null) {
      SpanContext context = Span.current().getSpanContext();
      traceId = context.isValid() ? context.getTraceId() : "";
      spanId = context.isValid() ? context.getSpanId() : "";
    }
    StringBuilder json = new StringBuilder(256);
    json.append('{');
    field(json, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString()).append(',');
    field(json, "level", event.getLevel().toString()).append(',');
    field(json, "logger", event.getLoggerName()).append(',');
    field(json, "thread", event.getThreadName()).append(',');
    field(json, "message", event.getFormattedMessage()).append(',');
    field(json, "trace_id", traceId).append(',');
    field(json, "span_id", spanId == null ? "" : spanId);
    IThrowableProxy throwable = event.getThrowableProxy();
    if (throwable != null) {
      json.append(',');
      field(json, "exception", ThrowableProxyUtil.asString(throwable));
    }
    return json.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":\"");
    escape(json, value == null ? "" : value);
    return json.append('"');
  }

  static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
