package io.github.aksdevsecops.gate.decide;

import io.github.aksdevsecops.gate.model.Decision;
import io.github.aksdevsecops.gate.model.EvaluatedFinding;
import io.github.aksdevsecops.gate.model.Finding;
import io.github.aksdevsecops.gate.model.FindingKey;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.GateState;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.Level;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import io.github.aksdevsecops.gate.model.Score;
import io.github.aksdevsecops.gate.model.Severity;
import io.github.aksdevsecops.gate.model.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision, without I/O: parse results → de-duplicate → ignore list → tier → SLA escalation →
 * decision, tickets and the next state.
 */
public final class GatePipeline {
  private static final Comparator<EvaluatedFinding> REPORT_ORDER =
      Comparator.comparing(EvaluatedFinding::suppressed)
          .thenComparing(EvaluatedFinding::finalLevel, Comparator.reverseOrder())
          .thenComparing(
              (EvaluatedFinding f) -> f.finding().score() == null, Comparator.naturalOrder())
          .thenComparing(
              (EvaluatedFinding f) ->
                  f.finding().score() == null
                      ? java.math.BigDecimal.ZERO
                      : f.finding().score().value(),
              Comparator.reverseOrder())
          .thenComparing(f -> f.key().id())
          .thenComparing(f -> f.key().packageName())
          .thenComparing(f -> f.key().version());

  private GatePipeline() {}

  public static GateResult decide(
      List<ReportedFinding> reported, List<IgnoreEntry> ignores, GateState state, Instant now) {
    List<EvaluatedFinding> evaluated = new ArrayList<>();
    Map<String, Instant> nextSeen = new HashMap<>();
    for (Finding finding : deduplicate(reported)) {
      Instant firstSeen = state.firstSeen().getOrDefault(finding.key().toString(), now);
      nextSeen.put(finding.key().toString(), firstSeen);
      evaluated.add(evaluate(finding, activeIgnore(finding.key(), ignores, now), firstSeen, now));
    }
    evaluated.sort(REPORT_ORDER);
    List<IgnoreEntry> expired = ignores.stream().filter(e -> !e.activeAt(now)).toList();
    return new GateResult(
        decision(evaluated),
        now,
        evaluated,
        tickets(evaluated),
        expired,
        List.of(),
        new GateState(nextSeen));
  }

  /** One finding per key; the highest score any report gives and the most severe word win. */
  static List<Finding> deduplicate(List<ReportedFinding> reported) {
    Map<FindingKey, List<ReportedFinding>> byKey = new LinkedHashMap<>();
    for (ReportedFinding r : reported) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    List<Finding> findings = new ArrayList<>(byKey.size());
    for (Map.Entry<FindingKey, List<ReportedFinding>> e : byKey.entrySet()) {
      findings.add(merge(e.getKey(), e.getValue()));
    }
    return findings;
  }

  private static Finding merge(FindingKey key, List<ReportedFinding> same) {
    Score score = null;
    Severity severity = Severity.UNKNOWN;
    String title = "";
    Set<String> references = new LinkedHashSet<>();
    Set<String> locations = new LinkedHashSet<>();
    Set<String> reports = new LinkedHashSet<>();
    for (ReportedFinding r : same) {
      if (r.score() != null && (score == null || r.score().higherThan(score))) {
        score = r.score();
      }
      severity = severity.max(r.severity());
      if (title.isBlank()) {
        title = r.title();
      }
      references.addAll(r.references());
      if (!r.location().isBlank()) {
        locations.add(r.location());
      }
      reports.add(r.report());
    }
    return new Finding(
        key,
        score,
        severity,
        title,
        List.copyOf(references),
        List.copyOf(locations),
        List.copyOf(reports));
  }

  private static IgnoreEntry activeIgnore(FindingKey key, List<IgnoreEntry> ignores, Instant now) {
    for (IgnoreEntry entry : ignores) {
      if (entry.activeAt(now) && entry.covers(key)) {
        return entry;
      }
    }
    return null;
  }

  private static EvaluatedFinding evaluate(
      Finding finding, IgnoreEntry suppressedBy, Instant firstSeen, Instant now) {
    Level base = Tiers.level(finding.score(), finding.severity());
    Duration sla = Tiers.sla(finding.score(), finding.severity());
    Instant due = sla == null ? null : firstSeen.plus(sla);
    boolean overdue = sla != null && Duration.between(firstSeen, now).compareTo(sla) > 0;
    Level level = overdue && suppressedBy == null ? base.up() : base;
    return new EvaluatedFinding(
        finding, base, level, level != base, suppressedBy, sla, firstSeen, due);
  }

  private static Decision decision(List<EvaluatedFinding> findings) {
    Decision decision = Decision.PASS;
    for (EvaluatedFinding f : findings) {
      if (!f.suppressed() && f.finalLevel() == Level.BLOCK) {
        return Decision.BLOCK;
      }
      if (!f.suppressed() && f.finalLevel() == Level.WARN) {
        decision = Decision.WARN;
      }
    }
    return decision;
  }

  private static List<Ticket> tickets(List<EvaluatedFinding> findings) {
    List<Ticket> tickets = new ArrayList<>();
    for (EvaluatedFinding f : findings) {
      if (f.suppressed() || f.finalLevel() != Level.WARN) {
        continue;
      }
      FindingKey key = f.key();
      String version = key.version().isEmpty() ? "" : " " + key.version();
      tickets.add(
          new Ticket(
              key,
              f.finding().score(),
              f.finding().severity(),
              f.escalated(),
              f.firstSeen(),
              f.slaDue(),
              key.id() + " in " + key.packageName() + version,
              f.finding().title(),
              f.finding().references(),
              f.finding().reports()));
    }
    return tickets;
  }
}
