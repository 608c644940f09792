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
        problems.add(
            o.problem(
                env.name(),
                "placeholder '"
                    + p
                    + "' in the render: set the real value, or declare it under forkSets in "
                    + env.environment().file().getFileName()));
      }
    }
    return problems;
  }
}
