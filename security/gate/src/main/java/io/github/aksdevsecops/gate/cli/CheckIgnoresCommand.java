package io.github.aksdevsecops.gate.cli;

import io.github.aksdevsecops.gate.decide.IgnorePolicy;
import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.parse.IgnoreFileReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Lints the ignore file for the repository's asset checks and pre-commit. */
@Command(
    name = "check-ignores",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an ignore file: readable by the gate, known id formats, a reachable owner,",
      "a justification, and an expiry that has not passed and is at most 90 days ahead.",
      "Problems are printed as FILE:LINE: message."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the file is valid and every entry follows the policy",
      "1:an entry breaks the policy (expired, too far ahead, owner, id, justification)",
      "2:the gate could not read the file"
    })
final class CheckIgnoresCommand extends ClockedCommand {
  static final int POLICY_PROBLEMS = 1;

  @Parameters(paramLabel = "FILE", description = "the ignore file (YAML)")
  Path file;

  @Mixin NowOption now;

  CheckIgnoresCommand(Clock clock) {
    super(clock);
  }

  @Override
  public Integer call() {
    List<IgnoreEntry> entries;
    try {
      entries = new IgnoreFileReader().read(file, file.toString());
    } catch (InvalidInputException e) {
      e.problems().forEach(p -> err().println(p.render()));
      return ExitCodes.INVALID;
    }
    List<Problem> problems = IgnorePolicy.check(entries, at(now));
    if (!problems.isEmpty()) {
      problems.forEach(p -> err().println(p.render()));
      return POLICY_PROBLEMS;
    }
    out()
        .printf(
            "%s: %d accepted finding(s), each with owner, justification and an expiry within %d days%n",
            file, entries.size(), IgnorePolicy.MAX_AHEAD.toDays());
    return ExitCodes.OK;
  }
}
