package io.github.aksdevsecops.gate.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.GateState;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code {"schemaVersion":1,"firstSeen":{"<key>":"<RFC 3339>"}}}; anything else is invalid, and so
 * is a first-seen date after now: it would start the SLA clock in the future, so the finding would
 * never be overdue, and the next state would carry the date on.
 */
public final class StateFileReader {

  public GateState read(Path file, String name, Instant now) throws InvalidInputException {
    JsonNode root = JsonSource.read(file, name);
    List<Problem> problems = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("schemaVersion") && !field.equals("firstSeen")) {
        problems.add(Problem.atPointer(name, JsonFields.at("", field), "unknown field " + field));
      }
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt() || version.asInt() != GateState.SCHEMA_VERSION) {
      problems.add(
          Problem.atPointer(
              name, "/schemaVersion", "schemaVersion must be " + GateState.SCHEMA_VERSION));
    }
    Map<String, Instant> firstSeen = new HashMap<>();
    JsonNode seen = root.get("firstSeen");
    if (seen == null || !seen.isObject()) {
      problems.add(Problem.atPointer(name, "/firstSeen", "firstSeen must be an object"));
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = seen.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String at = JsonFields.at("/firstSeen", entry.getKey());
        try {
          Instant date = rfc3339(entry.getValue());
          if (date.isAfter(now)) {
            problems.add(
                Problem.atPointer(
                    name,
                    at,
                    "first seen " + entry.getValue().asText() + " is after now (" + now + ")"));
          } else {
            firstSeen.put(entry.getKey(), date);
          }
        } catch (DateTimeParseException e) {
          problems.add(
              Problem.atPointer(
                  name, at, entry.getValue() + " is not an RFC 3339 date-time with offset"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new GateState(firstSeen);
  }

  private static Instant rfc3339(JsonNode value) {
    if (!value.isTextual()) {
      throw new DateTimeParseException("not a string", value.toString(), 0);
    }
    return OffsetDateTime.parse(value.asText()).toInstant();
  }
}
