package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.Environment;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Runs the CLI through the one factory, capturing exit code and both streams. */
final class Cli {
  record Run(int code, String out, String err) {}

  static Run run(
      Path cwd, String input, BiFunction<Environment, Path, Platform> platforms, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliFactory factory =
        new CliFactory(new Services(cwd, new BufferedReader(new StringReader(input)), platforms));
    int code = factory.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(Path cwd, String... args) {
    return run(
        cwd,
        "",
        (e, r) -> {
          throw new AssertionError("this command must not reach the platform");
        },
        args);
  }

  /** Copies the test resource tree {@code /fixtures/NAME} into {@code target}. */
  static void copyFixture(String name, Path target) throws java.io.IOException {
    Path source;
    try {
      source = Path.of(Cli.class.getResource("/fixtures/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(source)) {
      for (Path f : files.toList()) {
        Path copy = target.resolve(source.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(copy);
        } else {
          java.nio.file.Files.copy(f, copy);
        }
      }
    }
  }

  /**
   * The plan of an environment from the catalog embedded in the jar: tests derive counts from it.
   */
  static io.github.aksdevsecops.bootstrap.plan.Plan embeddedPlan(String environment) {
    var workspace = io.github.aksdevsecops.bootstrap.assets.Workspace.embedded();
    return io.github.aksdevsecops.bootstrap.plan.Planner.plan(
        workspace.catalog(), workspace.environment(environment));
  }

  /** {@code repository/chart@version} of a catalog chart, as the plan prints it. */
  static String chartReference(String componentId) {
    var component =
        io.github.aksdevsecops.bootstrap.assets.Workspace.embedded()
            .catalog()
            .find(componentId)
            .orElseThrow();
    return ((io.github.aksdevsecops.bootstrap.model.ComponentSpec.Helm) component.spec())
        .chartReference();
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  }
}
