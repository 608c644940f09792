package io.github.aksdevsecops.bootstrap.cli;

import java.io.PrintWriter;
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
  java.nio.file.Path checkout(
      io.github.aksdevsecops.bootstrap.assets.Workspace workspace, String why) {
    return workspace
        .root()
        .orElseThrow(
            () ->
                new io.github.aksdevsecops.bootstrap.assets.InvalidInputException(
                    new io.github.aksdevsecops.bootstrap.assets.Problem(
                        factory.services().workingDirectory(), 0, why)));
  }

  boolean json() {
    return common.output == OutputFormat.json;
  }
}
