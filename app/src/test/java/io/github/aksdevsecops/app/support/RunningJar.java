package io.github.aksdevsecops.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged jar running in its own JVM, output captured to a file; closed = destroyed. */
public final class RunningJar implements AutoCloseable {

  private final Process process;
  private final Path output;
  public final int port;
  public final int managementPort;

  private RunningJar(Process process, Path output, int port, int managementPort) {
    this.process = process;
    this.output = output;
    this.port = port;
    this.managementPort = managementPort;
  }

  public static RunningJar start(List<String> jvmArgs, Map<String, String> env) {
    RunningJar running = launch(jvmArgs, env);
    // Generous: a shared two-core build machine can take a minute and more with the agent.
    running.awaitReady(Duration.ofSeconds(180));
    return running;
  }

  /** Starts the jar without waiting for it to be ready (for a start that must fail). */
  public static RunningJar launch(List<String> jvmArgs, Map<String, String> env) {
    String jar = System.getProperty("app.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("app.jar not built: " + jar);
    }
    int port = AppTestProperties.freePort();
    int management = AppTestProperties.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar);
    try {
      Path output = Files.createTempFile("devsecops-app", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(Jwks.get().properties());
      builder.environment().put("PORT", Integer.toString(port));
      builder.environment().put("MANAGEMENT_PORT", Integer.toString(management));
      builder.environment().put("SHUTDOWN_DRAIN_DELAY", "0s");
      builder.environment().putAll(env);
      return new RunningJar(builder.start(), output, port, management);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI readiness = URI.create("http://127.0.0.1:" + managementPort);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited early:\n" + output());
      }
      try {
        if (Http.send(Http.request(readiness, "/health/readiness").GET()).statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      sleep(200);
    }
    String output = output();
    close();
    throw new IllegalStateException("not ready within " + timeout + ":\n" + output);
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the output contains the text, or fails after the timeout. */
  public String awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = output();
      if (out.contains(text)) {
        return out;
      }
      sleep(100);
    }
    throw new AssertionError("output never contained " + text + ":\n" + output());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends SIGTERM, as Kubernetes does, without waiting. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to exit; empty when it is still running after the timeout. */
  public java.util.OptionalInt awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          ? java.util.OptionalInt.of(process.exitValue())
          : java.util.OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      // temp file; nothing else to do
    }
  }
}
