package io.github.aksdevsecops.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @TempDir Path bin;

  Path tool(String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  ProcessRunner runner() {
    return new ProcessRunner(bin + ":/usr/bin:/bin", Map.of("GREETING", "hello"));
  }

  @Test
  void streamsLinesMaskingSecretsAndReturnsTheExitCode() throws Exception {
    tool("talk", "echo \"$GREETING $1\"; echo oops >&2; exit 3");
    List<String> lines = new ArrayList<>();
    ProcessRunner.Command cmd =
        new ProcessRunner.Command(
            List.of("talk", "s3cr3t-token"),
            bin,
            Duration.ofSeconds(10),
            lines::add,
            List.of("s3cr3t-token"),
            false);
    ProcessRunner.Result r = runner().run(cmd);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(lines).containsExactlyInAnyOrder("hello ****", "oops");
    assertThat(r.output()).doesNotContain("s3cr3t-token");
  }

  @Test
  void destroysTheProcessWhenTheTimeoutExpires() throws Exception {
    Path marker = bin.resolve("finished");
    tool("slow", "sleep 20; touch " + marker);
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                runner()
                    .run(ProcessRunner.Command.of(List.of("slow"), bin, Duration.ofMillis(500))))
        .isInstanceOf(ProcessRunner.ProcessTimeoutException.class)
        .hasMessageContaining("did not finish within PT0.5S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
    Thread.sleep(300);
    assertThat(marker).doesNotExist();
  }

  @Test
  void capturesStdoutWithoutStreamingIt() throws Exception {
    tool("json", "echo '{\"a\":1}'");
    List<String> lines = new ArrayList<>();
    ProcessRunner.Result r =
        runner()
            .run(
                ProcessRunner.Command.of(List.of("json"), bin, Duration.ofSeconds(5))
                    .streamingTo(lines::add)
                    .capturing());
    assertThat(r.output()).isEqualTo("{\"a\":1}\n");
    assertThat(lines).isEmpty();
  }

  @Test
  void capturingKeepsTheStderrTailButNeverStdoutInIt() throws Exception {
    tool("outputs", "echo '{\"password\":\"p4ss\"}'; echo 'Error: backend locked' >&2; exit 1");
    ProcessRunner.Result r =
        runner()
            .run(
                ProcessRunner.Command.of(List.of("outputs"), bin, Duration.ofSeconds(5))
                    .capturing());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.tail()).containsExactly("Error: backend locked");
    assertThat(r.output()).contains("p4ss");
  }

  @Test
  void theTailIsBoundedToTheLastLines() throws Exception {
    tool("chatty", "i=0; while [ $i -lt 100 ]; do echo line $i; i=$((i+1)); done");
    ProcessRunner.Result r =
        runner().run(ProcessRunner.Command.of(List.of("chatty"), bin, Duration.ofSeconds(5)));
    assertThat(r.tail()).hasSize(ProcessRunner.TAIL_LINES).endsWith("line 99");
    assertThat(r.tail().get(0)).isEqualTo("line " + (100 - ProcessRunner.TAIL_LINES));
  }

  @Test
  void theValuesOfSecretVariablesAreMaskedInEveryLineAndTail() throws Exception {
    tool("leaky", "echo \"client secret is $1\" >&2; exit 2");
    Map<String, String> env =
        Map.of("PATH", bin + ":/usr/bin:/bin", "ARM_CLIENT_SECRET", "Zq9~client~secret");
    ProcessRunner runner = ProcessRunner.fromSystem(env::get);
    List<String> lines = new ArrayList<>();
    ProcessRunner.Result streamed =
        runner.run(
            ProcessRunner.Command.of(
                    List.of("leaky", "Zq9~client~secret"), bin, Duration.ofSeconds(5))
                .streamingTo(lines::add));
    ProcessRunner.Result captured =
        runner.run(
            ProcessRunner.Command.of(
                    List.of("leaky", "Zq9~client~secret"), bin, Duration.ofSeconds(5))
                .capturing());
    assertThat(lines).containsExactly("client secret is ****");
    assertThat(streamed.tail()).containsExactly("client secret is ****");
    assertThat(captured.tail()).containsExactly("client secret is ****");
  }

  @Test
  void aTimedOutProcessReportsItsLastLines() throws Exception {
    tool("hang", "echo 'waiting for lock'; sleep 20");
    assertThatThrownBy(
            () ->
                runner()
                    .run(ProcessRunner.Command.of(List.of("hang"), bin, Duration.ofMillis(700))))
        .isInstanceOfSatisfying(
            ProcessRunner.ProcessTimeoutException.class,
            e -> assertThat(e.tail()).containsExactly("waiting for lock"));
  }

  @Test
  void namesAMissingTool() {
    assertThatThrownBy(
            () ->
                runner()
                    .run(
                        ProcessRunner.Command.of(
                            List.of("no-such-tool"), bin, Duration.ofSeconds(1))))
        .isInstanceOf(ProcessRunner.ToolMissingException.class)
        .hasMessage("no-such-tool is not on the PATH");
  }
}
