package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A values file nobody installs is a file that silently drifts: each must belong to a chart. */
final class ValuesFilesUsedCheck implements Check {
  static final List<String> VALUES_ROOTS = List.of("kubernetes", "observability");

  @Override
  public List<Problem> check(Snapshot s) {
    Set<Path> referenced = new HashSet<>();
    s.catalog()
        .ifPresent(
            catalog ->
                catalog.components().stream()
                    .filter(c -> c.spec() instanceof ComponentSpec.Helm)
                    .map(c -> (ComponentSpec.Helm) c.spec())
                    .forEach(
                        h -> {
                          referenced.add(s.root().resolve(h.values()).normalize());
                          h.declaredEnvironmentValues()
                              .forEach(v -> referenced.add(s.root().resolve(v).normalize()));
                          s.environments()
                              .forEach(
                                  env ->
                                      h.environmentValues(env)
                                          .forEach(
                                              v ->
                                                  referenced.add(s.root().resolve(v).normalize())));
                        }));
    List<Problem> problems = new ArrayList<>();
    for (Path file : RepoFiles.walk(s.root(), VALUES_ROOTS)) {
      String name = String.valueOf(file.getFileName());
      boolean isValues = name.equals("values.yaml") || name.endsWith("-values.yaml");
      boolean inApps = s.root().relativize(file).toString().startsWith("kubernetes/apps/");
      if (isValues && !inApps && !referenced.contains(file.normalize())) {
        problems.add(
            new Problem(file, 0, "values file is not used by any pinned chart in the catalog"));
      }
    }
    return problems;
  }
}
