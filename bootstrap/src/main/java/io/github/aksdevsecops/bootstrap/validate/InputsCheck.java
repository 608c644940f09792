package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.execute.Inputs;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * A component's inputs ({@code ${NAME}} in its values files or manifests, filled in from an earlier
 * step's output at apply) can be filled in: no file an environment uses writes an input whose
 * producing step that environment switches off (apply would stop there), and every declared input
 * is written in the files of some environment that runs its producer (else the declaration promises
 * a wiring that does not exist).
 */
final class InputsCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    if (s.catalog().isEmpty()) {
      return problems;
    }
    for (Component c : s.catalog().get().components()) {
      if (c.inputs().isEmpty()) {
        continue;
      }
      Set<String> written = new HashSet<>();
      Set<String> producible = new HashSet<>();
      for (Environment env : s.environments()) {
        if (!env.enables(c.id())) {
          continue;
        }
        c.inputs()
            .forEach(
                (name, ref) -> {
                  if (env.enables(ref.component())) {
                    producible.add(name);
                  }
                });
        for (Path file : files(s.root(), c, env)) {
          List<String> lines = lines(file);
          for (int i = 0; i < lines.size(); i++) {
            Matcher m = Inputs.TOKEN.matcher(lines.get(i));
            while (m.find()) {
              OutputRef ref = c.inputs().get(m.group(1));
              if (ref == null) {
                continue;
              }
              written.add(m.group(1));
              if (!env.enables(ref.component())) {
                problems.add(
                    new Problem(
                        file,
                        i + 1,
                        "["
                            + env.name()
                            + "] ${"
                            + m.group(1)
                            + "} needs output "
                            + ref
                            + ", but "
                            + env.file().getFileName()
                            + " switches '"
                            + ref.component()
                            + "' off: move it to a values file or overlay of the environments"
                            + " that run it"));
              }
            }
          }
        }
      }
      for (String name : c.inputs().keySet()) {
        // Only where some environment runs both steps can an unwritten input be a missing wiring.
        if (producible.contains(name) && !written.contains(name)) {
          problems.add(
              Problems.at(
                  c, "input " + name + " is written as ${" + name + "} in none of its files"));
        }
      }
    }
    return problems;
  }

  /** The files a component's inputs are filled into in one environment. */
  private static Set<Path> files(Path root, Component c, Environment env) {
    Set<Path> files = new LinkedHashSet<>();
    if (c.spec() instanceof ComponentSpec.Helm helm) {
      files.add(root.resolve(helm.values()));
      helm.environmentValues(env).forEach(v -> files.add(root.resolve(v)));
    } else if (c.spec() instanceof ComponentSpec.Manifests m) {
      for (String dir : List.of(m.path(), m.path(env))) {
        Path d = root.resolve(dir);
        if (Files.isDirectory(d)) {
          try (Stream<Path> walk = Files.list(d)) {
            walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    files.removeIf(f -> !Files.isRegularFile(f));
    return files;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
