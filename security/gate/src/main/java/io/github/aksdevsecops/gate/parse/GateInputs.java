package io.github.aksdevsecops.gate.parse;

import io.github.aksdevsecops.gate.model.GateState;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything the decision needs, read from files; every file is read before failing. */
public record GateInputs(
    List<ReportedFinding> findings, List<IgnoreEntry> ignores, GateState state) {

  public GateInputs {
    findings = List.copyOf(findings);
    ignores = List.copyOf(ignores);
  }

  /**
   * @param ignoreFile the ignore file, or null for none
   * @param stateFile the state file, or null for a first run (every finding first seen now)
   * @param now the decision time: no first-seen date may lie after it
   * @throws InvalidInputException with the problems of every file that is not usable
   */
  public static GateInputs load(List<Path> reports, Path ignoreFile, Path stateFile, Instant now)
      throws InvalidInputException {
    List<Problem> problems = new ArrayList<>();
    List<ReportedFinding> findings = new ArrayList<>();
    ReportReader reader = new ReportReader();
    for (Path report : reports) {
      try {
        findings.addAll(reader.read(report, report.toString()));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    List<IgnoreEntry> ignores = List.of();
    if (ignoreFile != null) {
      try {
        ignores = new IgnoreFileReader().read(ignoreFile, ignoreFile.toString());
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    GateState state = GateState.empty();
    if (stateFile != null) {
      try {
        state = new StateFileReader().read(stateFile, stateFile.toString(), now);
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new GateInputs(findings, ignores, state);
  }
}
