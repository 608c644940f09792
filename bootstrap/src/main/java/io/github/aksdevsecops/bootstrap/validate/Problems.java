package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.Problem;

/** Problems located at a catalog component. */
final class Problems {
  private Problems() {}

  private static final java.util.regex.Pattern ENVIRONMENT =
      java.util.regex.Pattern.compile("^\\[([a-z0-9, -]+)] ");

  /**
   * The same problem found in several environments' renders (same file, line and message but the
   * "[env]" prefix) is one problem naming every environment.
   */
  static java.util.List<Problem> mergedAcrossEnvironments(java.util.List<Problem> problems) {
    java.util.Map<String, java.util.List<String>> environments = new java.util.LinkedHashMap<>();
    java.util.Map<String, Problem> first = new java.util.LinkedHashMap<>();
    for (Problem p : problems) {
      java.util.regex.Matcher m = ENVIRONMENT.matcher(p.message());
      String rest = m.find() ? p.message().substring(m.end()) : p.message();
      String key = p.file() + ":" + p.line() + ":" + rest;
      first.putIfAbsent(key, new Problem(p.file(), p.line(), rest));
      if (m.find(0)) {
        java.util.List<String> envs =
            environments.computeIfAbsent(key, k -> new java.util.ArrayList<>());
        for (String env : m.group(1).split(", ")) {
          if (!envs.contains(env)) {
            envs.add(env);
          }
        }
      }
    }
    java.util.List<Problem> merged = new java.util.ArrayList<>();
    first.forEach(
        (key, p) -> {
          java.util.List<String> envs = environments.get(key);
          merged.add(
              envs == null
                  ? p
                  : new Problem(
                      p.file(), p.line(), "[" + String.join(", ", envs) + "] " + p.message()));
        });
    return merged;
  }

  /** A {@code provided} declaration of an environment file that nothing in its render needs. */
  static Problem unused(
      io.github.aksdevsecops.bootstrap.model.Provided p, String environment, String what) {
    return Problem.at(
        p.source(), "[" + environment + "] provided " + what + ": remove the declaration");
  }

  static Problem at(Component c, String message) {
    return new Problem(
        c.source().file(), c.source().line(), "component '" + c.id() + "': " + message);
  }
}
