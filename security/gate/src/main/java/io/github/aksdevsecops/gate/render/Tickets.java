package io.github.aksdevsecops.gate.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.Ticket;

/**
 * {@code --tickets-out}: one entry per warn finding with an issue title and body ready for a
 * workflow step. The body carries the line {@code security-gate-key: <key>}, by which the step
 * finds an existing issue before creating one.
 */
public final class Tickets {
  public static final String LABEL = "vulnerability";
  public static final String KEY_PREFIX = "security-gate-key: ";

  private Tickets() {}

  public static String render(GateResult result) {
    ObjectNode root = Json.object();
    root.put("schemaVersion", 1);
    root.put("label", LABEL);
    ArrayNode tickets = root.putArray("tickets");
    for (Ticket t : result.tickets()) {
      tickets.add(ticket(t, true));
    }
    return Json.write(root);
  }

  /** The ticket's facts; the issue body only for the tickets file (stdout stays small). */
  static ObjectNode ticket(Ticket t, boolean withBody) {
    ObjectNode node = Json.object();
    node.put("key", t.key().toString());
    node.put("id", t.key().id());
    node.put("package", t.key().packageName());
    node.put("version", t.key().version());
    Json.put(node, "score", t.score());
    node.put("severity", t.severity().name());
    node.put("escalated", t.escalated());
    Json.put(node, "firstSeen", t.firstSeen());
    Json.put(node, "slaDue", t.slaDue());
    node.put("title", t.title());
    if (withBody) {
      node.put("body", body(t));
    }
    Json.put(node, "references", t.references());
    Json.put(node, "reports", t.reports());
    return node;
  }

  private static String body(Ticket t) {
    StringBuilder b = new StringBuilder();
    b.append("The vulnerability gate rated this finding **warn**");
    if (t.escalated()) {
      b.append(" (escalated: its remediation SLA has passed)");
    }
    b.append(".\n\n");
    b.append("| | |\n|---|---|\n");
    b.append("| vulnerability | ").append(t.key().id()).append(" |\n");
    b.append("| package | ").append(Markdown.cell(t.key().packageName())).append(" |\n");
    b.append("| installed version | ").append(Markdown.cell(t.key().version())).append(" |\n");
    b.append("| CVSS v3 base score | ")
        .append(t.score() == null ? "none (severity " + t.severity() + ")" : t.score().text())
        .append(" |\n");
    b.append("| first seen | ").append(t.firstSeen()).append(" |\n");
    b.append("| fix by (SLA) | ").append(t.slaDue() == null ? "no SLA" : t.slaDue()).append(" |\n");
    b.append("| reports | ").append(Markdown.cell(String.join(", ", t.reports()))).append(" |\n");
    if (!t.summary().isBlank()) {
      b.append("\n").append(Markdown.text(t.summary())).append("\n");
    }
    if (!t.references().isEmpty()) {
      b.append("\nReferences:\n");
      t.references().stream().limit(10).forEach(r -> b.append("- ").append(r).append('\n'));
    }
    b.append("\nFix it (upgrade the package), or accept it with an entry in")
        .append(" `security/vulnerability-ignores.yaml`. The gate never closes this issue.\n\n");
    b.append(KEY_PREFIX).append(t.key()).append('\n');
    return b.toString();
  }
}
