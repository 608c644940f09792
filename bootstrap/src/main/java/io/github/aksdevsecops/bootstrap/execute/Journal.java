package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.AzureTarget;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What finished, per environment: rewritten atomically (temp file + move) after every step, so an
 * interrupted run (Ctrl-C, crash) always leaves a readable journal. {@code owned} survives runs:
 * destroy only removes what a run of this tool applied. The journal names the target it was written
 * for (environment, subscription, kube context); a journal naming another target is refused, so an
 * edited or misplaced journal cannot steer a run to another cluster.
 */
public final class Journal {
  static final int SCHEMA_VERSION = 2;

  public enum Status {
    DONE,
    FAILED,
    DESTROYED
  }

  public record Entry(Status status, boolean owned, String at, Map<String, String> recorded) {
    public Entry {
      recorded = Map.copyOf(recorded);
    }
  }

  /** The cluster and cloud a journal belongs to. */
  public record Target(String environment, String subscriptionId, String kubeContext) {
    static Target of(Environment env) {
      return new Target(
          env.name(), env.azure().map(AzureTarget::subscriptionId).orElse(""), env.kubeContext());
    }
  }

  /** The file as written. */
  record Document(int schemaVersion, Target target, Map<String, Entry> steps) {}

  private final Path file;
  private final Clock clock;
  private final Target target;
  private final Map<String, Entry> entries;
  private final Object lock = new Object();

  private Journal(Path file, Clock clock, Target target, Map<String, Entry> entries) {
    this.file = file;
    this.clock = clock;
    this.target = target;
    this.entries = entries;
  }

  /** The journal of an environment in a checkout: {@code .bootstrap/ENV.journal.json}. */
  public static Journal forEnvironment(Path root, Environment env, Clock clock) {
    return open(root.resolve(".bootstrap").resolve(env.name() + ".journal.json"), env, clock);
  }

  public static Journal open(Path file, Environment env, Clock clock) {
    Target expected = Target.of(env);
    if (!Files.isRegularFile(file)) {
      return new Journal(file, clock, expected, new LinkedHashMap<>());
    }
    Document read;
    try {
      read = Json.read(Files.readString(file, StandardCharsets.UTF_8), Document.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new UnexpectedStateException(
          "journal " + file + " is unreadable (" + e.getMessage() + "); move it away to start over",
          e);
    }
    if (read == null
        || read.schemaVersion() != SCHEMA_VERSION
        || read.target() == null
        || read.steps() == null) {
      throw new UnexpectedStateException(
          "journal " + file + " is not a journal of this version; move it away to start over");
    }
    if (!expected.equals(read.target())) {
      throw new UnexpectedStateException(
          "journal "
              + file
              + " was written for "
              + read.target()
              + " but this run targets "
              + expected
              + ": refusing to use it");
    }
    return new Journal(file, clock, expected, new LinkedHashMap<>(read.steps()));
  }

  /** A journal that is never written (dry runs). */
  public static Journal inMemory(Environment env) {
    return new Journal(null, Clock.systemUTC(), Target.of(env), new LinkedHashMap<>());
  }

  public Path file() {
    return file;
  }

  public Optional<Entry> entry(String stepId) {
    synchronized (lock) {
      return Optional.ofNullable(entries.get(stepId));
    }
  }

  public boolean done(String stepId) {
    synchronized (lock) {
      Entry e = entries.get(stepId);
      return e != null && e.status() == Status.DONE;
    }
  }

  public boolean owned(String stepId) {
    synchronized (lock) {
      Entry e = entries.get(stepId);
      return e != null && e.owned();
    }
  }

  /** A new full run: statuses are forgotten, ownership and recorded facts are kept. */
  public void startFullRun() {
    synchronized (lock) {
      entries.replaceAll((id, e) -> new Entry(Status.FAILED, e.owned(), e.at(), e.recorded()));
      save();
    }
  }

  public void record(String stepId, StepResult result) {
    synchronized (lock) {
      Entry previous = entries.get(stepId);
      boolean owned =
          (previous != null && previous.owned()) || result instanceof StepResult.Applied;
      Map<String, String> recorded =
          result.recorded().isEmpty() && previous != null ? previous.recorded() : result.recorded();
      Status status =
          result instanceof StepResult.Applied || result instanceof StepResult.Unchanged
              ? Status.DONE
              : Status.FAILED;
      entries.put(stepId, new Entry(status, owned, clock.instant().toString(), recorded));
      save();
    }
  }

  public void recordDestroyed(String stepId) {
    synchronized (lock) {
      entries.put(stepId, new Entry(Status.DESTROYED, false, clock.instant().toString(), Map.of()));
      save();
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(
          temp, Json.write(new Document(SCHEMA_VERSION, target, entries)), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file, e);
    }
  }
}
