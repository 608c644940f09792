package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.ForkSetting;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Azure environment's render holds no placeholder (all-zero or repeated-digit GUID, example.com
 * host, the shared placeholder registry) except the values its environment file declares under
 * {@code forkSets} — what a fork sets, listed in README's "What a fork sets".
 */
final class PlaceholderCheck implements PlatformCheck {
  /**
   * Where a placeholder is written among the files the object's step was made from (the values
   * files of a chart, its environment's values among them): the line to edit.
   */
  static java.util.Optional<Problem> writtenIn(
      java.nio.file.Path root, RenderedObject o, String text) {
    for (String source : o.step().sources()) {
      java.nio.file.Path file = root.resolve(source);
      if (!java.nio.file.Files.isRegularFile(file)) {
        continue;
      }
      try {
        List<String> lines = java.nio.file.Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(text)) {
            return java.util.Optional.of(new Problem(file, i + 1, text));
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    if (env.environment().azure().isEmpty()) {
      return List.of();
    }
    Set<String> declared = new LinkedHashSet<>();
    env.environment().forkSettings().stream().map(ForkSetting::value).forEach(declared::add);
    List<Problem> problems = new ArrayList<>();
    for (RenderedObject o : env.objects()) {
      if (o.isKind("CustomResourceDefinition")) {
        continue; // schema documentation: its examples configure nothing
      }
      List<String> strings = new ArrayList<>();
      Placeholders.strings(o.content(), strings);
      Set<String> undeclared = new LinkedHashSet<>();
      for (String s : strings) {
        for (String p : Placeholders.in(s)) {
          // Declared: a fork setting that this text holds and that holds the placeholder.
          if (declared.stream().noneMatch(d -> s.contains(d) && d.contains(p))) {
            undeclared.add(p);
          }
        }
      }
      for (String p : undeclared) {
        String message =
            "placeholder '"
                + p
                + "' in the render: set the real value, or declare it under forkSets in "
                + env.environment().file().getFileName();
        problems.add(
            writtenIn(repository.root(), o, p)
                .map(at -> new Problem(at.file(), at.line(), "[" + env.name() + "] " + message))
                .orElseGet(() -> o.problem(env.name(), message)));
      }
    }
    return problems;
  }
}
