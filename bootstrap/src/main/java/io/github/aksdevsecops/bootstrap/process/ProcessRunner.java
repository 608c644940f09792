package io.github.aksdevsecops.bootstrap.process;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way this tool starts external processes: executables are resolved on a given PATH, every
 * run has a timeout (the process tree is destroyed when it expires), output is streamed line by
 * line, and a bounded tail of what the tool said is kept for the failure report. Secrets (those of
 * the command and the values of the runner's secret environment variables) are masked in every line
 * that leaves the runner.
 */
public final class ProcessRunner {
  /** Lines of output kept for a failure report. */
  public static final int TAIL_LINES = 40;

  /** Environment variables whose values are credentials: never shown in any output. */
  public static final List<String> SECRET_VARIABLES =
      List.of(
          "ARM_CLIENT_SECRET",
          "ARM_CLIENT_CERTIFICATE_PASSWORD",
          "ARM_ACCESS_KEY",
          "ARM_SAS_TOKEN",
          "ARM_OIDC_TOKEN",
          "ARM_OIDC_REQUEST_TOKEN",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "ACTIONS_RUNTIME_TOKEN",
          "GITHUB_TOKEN",
          "GH_TOKEN",
          "ARGOCD_AUTH_TOKEN");

  private static final Duration GRACE = Duration.ofSeconds(10);

  private final String searchPath;
  private final Map<String, String> environment;
  private final List<String> secrets;

  /**
   * {@code searchPath} is a PATH-style list; {@code environment} is added to the child's; {@code
   * secrets} are masked in the output of every command.
   */
  public ProcessRunner(String searchPath, Map<String, String> environment, List<String> secrets) {
    this.searchPath = searchPath == null ? "" : searchPath;
    this.environment = Map.copyOf(environment);
    this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
  }

  public ProcessRunner(String searchPath, Map<String, String> environment) {
    this(searchPath, environment, List.of());
  }

  /** The system PATH; the values of {@link #SECRET_VARIABLES} set in {@code env} are masked. */
  public static ProcessRunner fromSystem(Function<String, String> env) {
    List<String> secrets = new ArrayList<>();
    for (String name : SECRET_VARIABLES) {
      String value = env.apply(name);
      if (value != null && !value.isBlank()) {
        secrets.add(value);
      }
    }
    return new ProcessRunner(env.apply("PATH"), Map.of(), secrets);
  }

  public static ProcessRunner fromSystem() {
    return fromSystem(System::getenv);
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

    public Command masking(List<String> values) {
      List<String> all = new ArrayList<>(secrets);
      all.addAll(values);
      return new Command(argv, directory, timeout, lines, all, capture);
    }

    /**
     * Keeps stdout whole in the result instead of streaming it (e.g. JSON that is data, not a
     * message); stderr still streams and its tail is kept. Captured stdout never enters a tail.
     */
    public Command capturing() {
      return new Command(argv, directory, timeout, lines, secrets, true);
    }
  }

  /**
   * Exit code; the whole stdout when captured (else empty); the last lines the tool printed (stdout
   * and stderr when streaming, stderr only when capturing), masked.
   */
  public record Result(int exitCode, String output, List<String> tail) {
    public Result {
      tail = List.copyOf(tail);
    }
  }

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
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProcessFailedException(
          "cannot start " + name + ": " + e.getMessage(), -1, List.of());
    }
    List<String> masks = new ArrayList<>(secrets);
    masks.addAll(command.secrets());
    Tail tail = new Tail(masks);
    StringBuilder captured = new StringBuilder();
    List<Thread> readers = new ArrayList<>();
    if (command.capture()) {
      readers.add(reader(name + "-stdout", process.getInputStream(), captured::append));
      readers.add(reader(name + "-stderr", process.getErrorStream(), tail.feeding(command)));
    } else {
      readers.add(reader(name + "-output", process.getInputStream(), tail.feeding(command)));
    }
    boolean finished;
    try {
      finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      destroy(process);
      throw e;
    }
    if (!finished) {
      destroy(process);
      join(readers);
      throw new ProcessTimeoutException(
          name + " did not finish within " + command.timeout() + " and was stopped", tail.lines());
    }
    join(readers);
    return new Result(process.exitValue(), captured.toString(), tail.lines());
  }

  private static Thread reader(String threadName, InputStream stream, Consumer<String> sink) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  sink.accept(line + "\n");
                }
              } catch (IOException e) {
                // The stream closes when the process is destroyed: nothing more to read.
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static void join(List<Thread> readers) throws InterruptedException {
    for (Thread t : readers) {
      t.join(GRACE.toMillis());
    }
  }

  /** The last {@link #TAIL_LINES} masked lines; each line also goes to the command's sink. */
  private static final class Tail {
    private final List<String> masks;
    private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

    Tail(List<String> masks) {
      this.masks = masks;
    }

    Consumer<String> feeding(Command command) {
      return raw -> {
        String masked = mask(raw.substring(0, raw.length() - 1), masks);
        command.lines().accept(masked);
        synchronized (lines) {
          lines.addLast(masked);
          if (lines.size() > TAIL_LINES) {
            lines.removeFirst();
          }
        }
      };
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }
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
    private final transient List<String> tail;

    public ProcessFailedException(String message, int exitCode, List<String> tail) {
      super(message);
      this.exitCode = exitCode;
      this.tail = List.copyOf(tail);
    }

    public int exitCode() {
      return exitCode;
    }

    /** The last lines the tool printed, masked. */
    public List<String> tail() {
      return tail;
    }
  }

  /** The timeout expired: the process tree was destroyed. */
  public static final class ProcessTimeoutException extends ProcessFailedException {
    private static final long serialVersionUID = 1L;

    public ProcessTimeoutException(String message, List<String> tail) {
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
