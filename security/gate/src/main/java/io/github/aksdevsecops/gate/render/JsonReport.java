package io.github.aksdevsecops.gate.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksdevsecops.gate.model.Counts;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.model.Ticket;

/** {@code --output json}: exactly one JSON object with the decision and every fact behind it. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(GateResult result) {
    ObjectNode root = Json.object();
    root.put("decision", result.decision().name());
    Json.put(root, "now", result.now());
    Counts counts = result.counts();
    ObjectNode c = root.putObject("counts");
    c.put("block", counts.block());
    c.put("warn", counts.warn());
    c.put("log", counts.log());
    c.put("suppressed", counts.suppressed());
    ArrayNode findings = root.putArray("findings");
    for (EvaluatedFinding f : result.findings()) {
      findings.add(finding(f));
    }
    ArrayNode tickets = root.putArray("tickets");
    for (Ticket t : result.tickets()) {
      tickets.add(Tickets.ticket(t, false));
    }
    ArrayNode expired = root.putArray("expiredIgnores");
    for (IgnoreEntry e : result.expiredIgnores()) {
      expired.add(ignore(e));
    }
    ArrayNode errors = root.putArray("errors");
    for (Problem p : result.errors()) {
      ObjectNode e = errors.addObject();
      e.put("file", p.file());
      if (p.line() > 0) {
        e.put("line", p.line());
      }
      if (!p.pointer().isEmpty()) {
        e.put("pointer", p.pointer());
      }
      e.put("message", p.message());
      e.put("text", p.render());
    }
    return Json.write(root);
  }

  private static ObjectNode finding(EvaluatedFinding f) {
    ObjectNode node = Json.object();
    node.put("key", f.key().toString());
    node.put("id", f.key().id());
    node.put("package", f.key().packageName());
    node.put("version", f.key().version());
    node.put("level", f.levelLabel());
    Json.put(node, "score", f.finding().score());
    node.put(
        "scoreSource", f.finding().score() == null ? "severity" : f.finding().score().source());
    node.put("severity", f.finding().severity().name());
    node.put("baseLevel", f.baseLevel().label());
    node.put("escalated", f.escalated());
    Json.put(node, "firstSeen", f.firstSeen());
    Json.put(node, "slaDue", f.slaDue());
    Json.put(node, "reports", f.finding().reports());
    Json.put(node, "locations", f.finding().locations());
    node.put("title", f.finding().title());
    if (f.suppressed()) {
      node.set("suppressedBy", ignore(f.suppressedBy()));
    }
    return node;
  }

  static ObjectNode ignore(IgnoreEntry e) {
    ObjectNode node = Json.object();
    node.put("id", e.id());
    if (e.packageName() == null) {
      node.putNull("package");
    } else {
      node.put("package", e.packageName());
    }
    node.put("owner", e.owner());
    node.put("justification", e.justification());
    node.put("expires", e.expiresText());
    node.put("file", e.file());
    node.put("line", e.line());
    return node;
  }
}
