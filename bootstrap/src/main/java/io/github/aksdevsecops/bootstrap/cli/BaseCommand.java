package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the subcommands: options, output streams, the factory's services. */
abstract class BaseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  CliFactory factory;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The checkout the command works on; outside one, an invalid-input error saying why. */
  Path checkout(Workspace workspace, String why) {
    return workspace
        .root()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    new Problem(factory.services().workingDirectory(), 0, why)));
  }

  /** The checkout's catalog planned for environment {@code env}, read from its file. */
  static Plan plan(Workspace workspace, String env) {
    return Planner.plan(workspace.catalog(), workspace.environment(env));
  }

  boolean json() {
    return common.output == OutputFormat.json;
  }

  /** Prints what the command produced, flushing so that nothing is lost before exit. */
  void print(String text) {
    out().print(text);
    out().flush();
  }
}
