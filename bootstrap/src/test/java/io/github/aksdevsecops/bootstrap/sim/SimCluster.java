package io.github.aksdevsecops.bootstrap.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real control plane of scripts/sim-cluster.sh (etcd, kube-apiserver, controller manager,
 * scheduler, kwok, Kyverno's admission controller) in a state directory of its own, and the
 * bootstrap jar run against it as a user runs it.
 */
final class SimCluster implements AutoCloseable {
  final Path repo;
  final Path dir;
  final Path kubeconfig;

  private SimCluster(Path repo, Path dir) {
    this.repo = repo;
    this.dir = dir;
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  /** Starts the cluster; fails naming the installer when a tool is missing. */
  static SimCluster up(Path repo, Path dir) throws IOException, InterruptedException {
    SimCluster cluster = new SimCluster(repo, dir);
    Result r = cluster.script(180, "up");
    assertThat(r.code())
        .as("scripts/sim-cluster.sh up (tools from scripts/install-test-deps.sh)\n" + r.all())
        .isZero();
    return cluster;
  }

  Result script(int seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/sim-cluster.sh"));
    command.addAll(List.of(args));
    return run(repo, command, seconds, Map.of());
  }

  /** SIGKILL to a process of the cluster: the program itself, not its lifetime wrapper. */
  void kill(String process) throws IOException, InterruptedException {
    String wrapper = Files.readString(dir.resolve("pids/" + process + ".pid")).strip();
    Result children = run(repo, List.of("pgrep", "-P", wrapper), 10, Map.of());
    assertThat(children.code()).as(children.all()).isZero();
    for (String pid : children.output().strip().split("\\s+")) {
      run(repo, List.of("kill", "-KILL", pid), 10, Map.of());
    }
  }

  /** kubectl against the cluster. */
  Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return run(repo, command, 120, Map.of());
  }

  /** The bootstrap jar with this cluster's kubeconfig, in the working directory {@code cwd}. */
  Result bootstrap(Path cwd, int seconds, String... args) throws IOException, InterruptedException {
    return bootstrapWith(kubeconfig, cwd, seconds, args);
  }

  Result bootstrapWith(Path config, Path cwd, int seconds, String... args)
      throws IOException, InterruptedException {
    return run(cwd, bootstrapCommand(args), seconds, Map.of("KUBECONFIG", config.toString()));
  }

  static List<String> bootstrapCommand(String... args) {
    Path jar =
        Path.of(System.getProperty("bootstrap.jar", "target/bootstrap.jar")).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script(120, "down");
  }

  /** What a command printed: {@code output} is stdout (the JSON of {@code --output json}). */
  record Result(int code, String output, String errors) {
    String all() {
      return output + errors;
    }
  }

  private Result run(Path cwd, List<String> command, int seconds, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("sim-run-", ".out");
    Path err = Files.createTempFile("sim-run-", ".err");
    try {
      Process p = start(cwd, command, env, out, err);
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        return new Result(
            124,
            Files.readString(out, StandardCharsets.UTF_8),
            "timed out after "
                + seconds
                + " s: "
                + String.join(" ", command)
                + "\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts a command without waiting for it (the caller bounds it). */
  Process start(Path cwd, List<String> command, Map<String, String> env, Path out, Path err)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().put("SIM_CLUSTER_DIR", dir.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    return pb.start();
  }
}
