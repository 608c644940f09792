package io.github.aksdevsecops.gate.cli;

import static io.github.aksdevsecops.gate.cli.Cli.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckIgnoresCommandTest {
  @TempDir Path dir;

  @Test
  void acceptsAFileWhoseEntriesFollowThePolicy() {
    Cli.Run run =
        Cli.run("check-ignores", fixture("ignores/ignores.yaml"), "--now", "2026-12-01T00:00:00Z");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 accepted finding(s)");
  }

  @Test
  void reportsAnExpiredEntryByLine() {
    Cli.Run run = Cli.run("check-ignores", fixture("ignores/ignores.yaml"), "--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(CheckIgnoresCommand.POLICY_PROBLEMS);
    assertThat(run.err())
        .contains("ignores.yaml:8: CVE-2099-1002 expired 2026-12-01T08:00:00Z")
        .doesNotContain(":3:");
  }

  @Test
  void reportsEveryPolicyProblem() throws IOException {
    Path file = dir.resolve("ignores.yaml");
    Files.writeString(
        file,
        """
        ignores:
          - id: not-an-id
            justification: too short
            owner: platform team
            expires: 2028-01-01
        """);

    Cli.Run run = Cli.run("check-ignores", file.toString(), "--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(CheckIgnoresCommand.POLICY_PROBLEMS);
    assertThat(run.err().lines())
        .containsExactly(
            file + ":2: not-an-id is not a CVE, GHSA or vendor advisory id",
            file + ":2: not-an-id: owner \"platform team\" is not a @handle, @org/team or e-mail",
            file + ":2: not-an-id: justification \"too short\" does not explain the acceptance",
            file
                + ":2: not-an-id expires 2028-01-01, more than 90 days ahead (the policy's maximum)");
  }

  @Test
  void aFileTheGateCannotReadIsInvalid() {
    Cli.Run run = Cli.run("check-ignores", fixture("ignores/missing-owner.yaml"), "--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("missing-owner.yaml:2: entry CVE-2099-1001 is missing owner");
  }

  @Test
  void unknownKeysDuplicatesAndSyntaxErrorsAreInvalid() throws IOException {
    Path file = dir.resolve("ignores.yaml");
    Files.writeString(
        file,
        """
        ignores:
          - id: CVE-2099-0001
            justification: the parser is never given untrusted input at all
            owner: "@platform-security"
            expire: 2027-01-01
          - id: CVE-2099-0002
            justification: the parser is never given untrusted input at all
            owner: "@platform-security"
            expires: 2027-01-01
          - id: CVE-2099-0002
            justification: the parser is never given untrusted input at all
            owner: "@platform-security"
            expires: 2027-01-01
        extra: true
        """);
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "ignores:\n  - id: [unclosed\n");

    Cli.Run run = Cli.run("check-ignores", file.toString(), "--now", Cli.NOW);
    Cli.Run syntax = Cli.run("check-ignores", broken.toString(), "--now", Cli.NOW);

    assertThat(run.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err())
        .contains(file + ":14: unknown key extra")
        .contains(file + ":5: unknown key expire")
        .contains(file + ":10: CVE-2099-0002 is already ignored at line 6");
    assertThat(syntax.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(syntax.err()).contains(broken + ":3: YAML syntax");
  }
}
