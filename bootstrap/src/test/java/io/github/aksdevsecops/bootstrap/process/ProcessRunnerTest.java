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
