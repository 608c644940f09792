package io.github.aksdevsecops.bootstrap.verify;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The facts of this repository's environments, read once per test run (real kubectl kustomize). */
public final class RepoFacts {
  private static final Map<String, PlatformFacts> CACHE = new ConcurrentHashMap<>();

  private RepoFacts() {}

  public static Path root() {
    return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  }

  public static PlatformFacts of(String environment) {
    return CACHE.computeIfAbsent(environment, RepoFacts::read);
  }

  private static PlatformFacts read(String environment) {
    Workspace workspace = Workspace.of(root());
    try {
      return FactsReader.read(
          root(),
          workspace.catalog(),
          workspace.environment(environment),
          FactsReader.kustomize(ProcessRunner.fromSystem(), root()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
