package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything a run shares, set once: environment, checkout, dry-run, adapters, journal, the outputs
 * of finished steps and the cluster session once credentials are in.
 */
public final class ExecutionContext {
  private final Environment environment;
  private final Path root;
  private final boolean dryRun;
  private final Platform platform;
  private final Journal journal;
  private final ProgressListener listener;
  private final Map<String, Map<String, String>> outputs = new ConcurrentHashMap<>();
  private final AtomicReference<ClusterSession> session = new AtomicReference<>();

  public ExecutionContext(
      Environment environment,
      Path root,
      boolean dryRun,
      Platform platform,
      Journal journal,
      ProgressListener listener) {
    this.environment = environment;
    this.root = root;
    this.dryRun = dryRun;
    this.platform = platform;
    this.journal = journal;
    this.listener = listener;
  }

  public Environment environment() {
    return environment;
  }

  public Path root() {
    return root;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public Platform platform() {
    return platform;
  }

  public Journal journal() {
    return journal;
  }

  public ProgressListener listener() {
    return listener;
  }

  public void putOutputs(String stepId, Map<String, String> values) {
    outputs.put(stepId, Map.copyOf(values));
  }

  public Optional<String> output(String stepId, String name) {
    return Optional.ofNullable(outputs.getOrDefault(stepId, Map.of()).get(name));
  }

  public void session(ClusterSession value) {
    session.set(value);
  }

  public ClusterSession session() {
    ClusterSession s = session.get();
    if (s == null) {
      throw new StepFailedException("no cluster session: the credentials step has not run");
    }
    return s;
  }

  public Optional<ClusterSession> optionalSession() {
    return Optional.ofNullable(session.get());
  }
}
