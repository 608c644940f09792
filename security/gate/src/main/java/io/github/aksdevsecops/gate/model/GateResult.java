package io.github.aksdevsecops.gate.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything the renderers need: the decision, every finding (suppressed ones included), the
 * tickets, the ignore entries that have expired, the problems that made the input invalid, and the
 * state to persist.
 */
public record GateResult(
    Decision decision,
    Instant now,
    List<EvaluatedFinding> findings,
    List<Ticket> tickets,
    List<IgnoreEntry> expiredIgnores,
    List<Problem> errors,
    GateState nextState) {

  public GateResult {
    findings = List.copyOf(findings);
    tickets = List.copyOf(tickets);
    expiredIgnores = List.copyOf(expiredIgnores);
    errors = List.copyOf(errors);
  }

  public static GateResult invalid(Instant now, List<Problem> errors) {
    return new GateResult(
        Decision.INVALID, now, List.of(), List.of(), List.of(), errors, GateState.empty());
  }

  public Counts counts() {
    int block = 0;
    int warn = 0;
    int log = 0;
    int suppressed = 0;
    for (EvaluatedFinding f : findings) {
      if (f.suppressed()) {
        suppressed++;
      } else {
        switch (f.finalLevel()) {
          case BLOCK -> block++;
          case WARN -> warn++;
          case LOG -> log++;
        }
      }
    }
    return new Counts(block, warn, log, suppressed);
  }
}
