package io.github.aksdevsecops.gate.cli;

import io.github.aksdevsecops.gate.decide.GatePipeline;
import io.github.aksdevsecops.gate.decide.IgnorePolicy;
import io.github.aksdevsecops.gate.model.Decision;
import io.github.aksdevsecops.gate.model.GateResult;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.parse.GateInputs;
import io.github.aksdevsecops.gate.render.JsonReport;
import io.github.aksdevsecops.gate.render.MarkdownSummary;
import io.github.aksdevsecops.gate.render.SarifReport;
import io.github.aksdevsecops.gate.render.StateFile;
import io.github.aksdevsecops.gate.render.TextReport;
import io.github.aksdevsecops.gate.render.Tickets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The gate: reads the reports, decides, writes the requested outputs, exits by the decision. */
@Command(
    name = "security-gate",
    mixinStandardHelpOptions = true,
    version = "security-gate 0.1.0",
    sortOptions = false,
    description = {
      "Decides a build from vulnerability reports (Trivy JSON, Grype JSON, SARIF 2.1.0):",
      "CVSS v3 >= 9.0 blocks, 7.0-8.9 warns and becomes a ticket, below 7.0 is logged;",
      "a finding past its remediation SLA (24 h / 7 d / 30 d) moves up one level.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:PASS or WARN",
      "1:BLOCK",
      "2:INVALID input (report, ignore file, state file or options)",
      "3:an output could not be written, or an internal error"
    })
final class GateCommand extends ClockedCommand {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "a Trivy JSON, Grype JSON or SARIF report; repeat for several")
  List<Path> reports = new ArrayList<>();

  @Option(names = "--ignores", paramLabel = "FILE", description = "the ignore file (YAML)")
  Path ignores;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "first-seen dates from an earlier run (JSON); without it all are new")
  Path state;

  @Mixin NowOption now;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description =
          "what to print on stdout: a table or one JSON object (default: ${DEFAULT-VALUE})")
  OutputFormat output;

  @Option(names = "--sarif-out", paramLabel = "FILE", description = "write SARIF 2.1.0")
  Path sarifOut;

  @Option(
      names = "--summary-out",
      paramLabel = "FILE",
      description = "append a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)")
  Path summaryOut;

  @Option(names = "--tickets-out", paramLabel = "FILE", description = "write the tickets (JSON)")
  Path ticketsOut;

  @Option(
      names = "--state-out",
      paramLabel = "FILE",
      description = "write the updated first-seen dates (JSON)")
  Path stateOut;

  @Option(names = "--verbose", description = "stack traces of internal errors")
  boolean verbose;

  GateCommand(Clock clock) {
    super(clock);
  }

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    if (reports.isEmpty()) {
      err.println("error: give at least one --report FILE");
      err.println("see --help");
      return ExitCodes.INVALID;
    }
    Instant at = at(now);
    GateResult result;
    try {
      GateInputs inputs = GateInputs.load(reports, ignores, state, at);
      // The ignore-file policy holds in every gate run, not only where check-ignores runs.
      List<Problem> policy = IgnorePolicy.violations(inputs.ignores(), at);
      if (!policy.isEmpty()) {
        throw new InvalidInputException(policy);
      }
      result = GatePipeline.decide(inputs.findings(), inputs.ignores(), inputs.state(), at);
    } catch (InvalidInputException e) {
      result = GateResult.invalid(at, e.problems());
    }
    writeOutputs(result);
    out.print(output == OutputFormat.JSON ? JsonReport.render(result) : TextReport.render(result));
    out.flush();
    for (Problem p : result.errors()) {
      err.println("error: " + p.render());
    }
    return ExitCodes.of(result.decision());
  }

  /**
   * An invalid run writes only the summary (which lists the errors): no state, SARIF or tickets.
   */
  private void writeOutputs(GateResult result) {
    if (summaryOut != null) {
      OutputFiles.append(summaryOut, MarkdownSummary.render(result));
    }
    if (result.decision() == Decision.INVALID) {
      return;
    }
    if (sarifOut != null) {
      OutputFiles.replace(sarifOut, SarifReport.render(result));
    }
    if (ticketsOut != null) {
      OutputFiles.replace(ticketsOut, Tickets.render(result));
    }
    if (stateOut != null) {
      OutputFiles.replace(stateOut, StateFile.render(result.nextState()));
    }
  }
}
