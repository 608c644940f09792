package io.github.aksdevsecops.bootstrap.process;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way this tool starts external processes: executables are resolved on a given PATH, every
 * run has a timeout (the process tree is destroyed when it expires), output is streamed line by
 * line with secrets masked, and the last lines are kept for the error message.
 */
public final class ProcessRunner {
  private static final int TAIL_LINES = 20;
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final String searchPath;
  private final Map<String, String> environment;

  /** {@code searchPath} is a PATH-style list; {@code environment} is added to the child's. */
  public ProcessRunner(String searchPath, Map<String, String> environment) {
    this.searchPath = searchPath == null ? "" : searchPath;
    this.environment = Map.copyOf(environment);
  }

  public static ProcessRunner fromSystem() {
    return new ProcessRunner(System.getenv("PATH"), Map.of());
  }

  /** A command: argv, working directory, timeout, where lines go, values to mask. */
  public record Command(
      List<String> argv,
      Path directory,
      Duration timeout,
      Consumer<String> lines,
      List<String> secrets,
      boolean capture) {
    public Command {
      argv = List.copyOf(argv);
      secrets = List.copyOf(secrets);
    }

    public static Command of(List<String> argv, Path directory, Duration timeout) {
      return new Command(argv, directory, timeout, line -> {}, List.of(), false);
    }

    public Command streamingTo(Consumer<String> sink) {
      return new Command(argv, directory, timeout, sink, secrets, capture);
    }

    /** Keeps the full stdout in the result instead of streaming it (e.g. JSON with secrets). */
    public Command capturing() {
      return new Command(argv, directory, timeout, lines, secrets, true);
    }
  }

  /** Exit code, full output when captured, else the last lines. */
  public record Result(int exitCode, String output) {}

  public Optional<Path> locate(String executable) {
    if (executable.contains(File.separator)) {
      Path p = Path.of(executable);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @SuppressFBWarnings(
      value = "COMMAND_INJECTION",
      justification =
          "the one place that starts processes: argv is a list (no shell), the executable is"
              + " resolved on the configured PATH and arguments come from the catalog and stack files")
  public Result run(Command command) throws InterruptedException {
    String name = command.argv().get(0);
    Path executable =
        locate(name).orElseThrow(() -> new ToolMissingException(name + " is not on the PATH"));
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, executable.toString());
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(!command.capture());
    if (command.directory() != null) {
      builder.directory(command.directory().toFile());
    }
    builder.environment().putAll(environment);
    builder.environment().put("PATH", searchPath);
    if (command.capture()) {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProcessFailedException("cannot start " + name + ": " + e.getMessage(), -1, "");
    }
    Deque<String> tail = new ArrayDeque<>();
    StringBuilder captured = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (command.capture()) {
                    captured.append(line).append('\n');
                    continue;
                  }
                  String masked = mask(line, command.secrets());
                  command.lines().accept(masked);
                  synchronized (tail) {
                    tail.addLast(masked);
                    if (tail.size() > TAIL_LINES) {
                      tail.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // The stream closes when the process is destroyed: nothing more to read.
              }
            },
            "output-" + name);
    reader.setDaemon(true);
    reader.start();
    boolean finished;
    try {
      finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      destroy(process);
      throw e;
    }
    if (!finished) {
      destroy(process);
      reader.join(GRACE.toMillis());
      throw new ProcessTimeoutException(
          name + " did not finish within " + command.timeout() + " and was stopped",
          String.join("\n", tail));
    }
    reader.join(GRACE.toMillis());
    String output;
    synchronized (tail) {
      output = command.capture() ? captured.toString() : String.join("\n", tail);
    }
    return new Result(process.exitValue(), output);
  }

  /** Parent first (so it cannot run anything more), then the children it had started. */
  private static void destroy(Process process) throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  static String mask(String line, List<String> secrets) {
    String result = line;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "****");
      }
    }
    return result;
  }

  /** The process ran and exited non-zero where that means failure. */
  public static class ProcessFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String tail;

    public ProcessFailedException(String message, int exitCode, String tail) {
      super(message);
      this.exitCode = exitCode;
      this.tail = tail;
    }

    public int exitCode() {
      return exitCode;
    }

    public String tail() {
      return tail;
    }
  }

  /** The timeout expired: the process tree was destroyed. */
  public static final class ProcessTimeoutException extends ProcessFailedException {
    private static final long serialVersionUID = 1L;

    public ProcessTimeoutException(String message, String tail) {
      super(message, -1, tail);
    }
  }

  /** The executable is not on the PATH. */
  public static final class ToolMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolMissingException(String message) {
      super(message);
    }
  }
}
