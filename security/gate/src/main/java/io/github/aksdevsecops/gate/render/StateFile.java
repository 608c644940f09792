package io.github.aksdevsecops.gate.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksdevsecops.gate.model.GateState;
import java.time.Instant;
import java.util.Map;

/** {@code --state-out}: the first-seen date of every finding present now, keys sorted. */
public final class StateFile {
  private StateFile() {}

  public static String render(GateState state) {
    ObjectNode root = Json.object();
    root.put("schemaVersion", GateState.SCHEMA_VERSION);
    ObjectNode seen = root.putObject("firstSeen");
    for (Map.Entry<String, Instant> e : state.firstSeen().entrySet()) {
      seen.put(e.getKey(), e.getValue().toString());
    }
    return Json.write(root);
  }
}
