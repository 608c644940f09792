package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.ForkSetting;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every value an environment declares a fork sets is listed in README.md's "What a fork sets", so
 * the list a new user reads is the list the checks allow.
 */
final class ForkSettingsCheck implements Check {
  static final String SECTION = "## What a fork sets";

  @Override
  public List<Problem> check(Snapshot s) {
    Path readme = s.root().resolve("README.md");
    String section = section(readme);
    List<Problem> problems = new ArrayList<>();
    for (Environment env : s.environments()) {
      for (ForkSetting f : env.forkSettings()) {
        if (!section.contains(f.value())) {
          problems.add(
              Problem.at(
                  f.source(),
                  "fork setting '"
                      + f.value()
                      + "' ("
                      + f.why()
                      + ") is not listed in README.md's \""
                      + SECTION.substring(3)
                      + "\""));
        }
      }
    }
    return problems;
  }

  private static String section(Path readme) {
    if (!Files.isRegularFile(readme)) {
      return "";
    }
    try {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int start = text.indexOf(SECTION);
      if (start < 0) {
        return "";
      }
      int end = text.indexOf("\n## ", start + SECTION.length());
      return end < 0 ? text.substring(start) : text.substring(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
