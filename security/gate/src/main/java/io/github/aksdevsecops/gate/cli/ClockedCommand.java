package io.github.aksdevsecops.gate.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What both gate commands share: the clock --now falls back to, and the streams the factory set.
 * The {@code --now} mixin stays in each command so that it keeps its place in the help. The bare
 * {@code @Command} only lets picocli's annotation processor accept {@code @Spec} here.
 */
@Command
abstract class ClockedCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec CommandSpec spec;

  ClockedCommand(Clock clock) {
    this.clock = clock;
  }

  Instant at(NowOption now) {
    return now.resolve(clock);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
