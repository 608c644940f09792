package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file the catalog names exists: Terraform stacks (with the tfvars and backend file of each
 * Azure environment that enables them), chart values files (valid YAML; a per-environment file for
 * every environment that enables the chart, or for each environment {@code environmentValuesFor}
 * names) and kustomizations.
 */
final class CatalogFilesCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    for (Component c : s.catalog().map(cat -> cat.components()).orElse(List.of())) {
      if (c.spec() instanceof ComponentSpec.Terraform tf) {
        Path stack = s.root().resolve(tf.stack());
        if (RepoFiles.list(stack, ".tf").isEmpty()) {
          problems.add(Problems.at(c, tf.stack() + " holds no .tf file"));
        }
        for (Environment env : s.environments()) {
          if (env.azure().isPresent() && env.enables(c.id())) {
            for (String f : List.of(env.name() + ".tfvars", env.name() + ".backend.hcl")) {
              if (!Files.isRegularFile(stack.resolve("environments").resolve(f))) {
                problems.add(Problems.at(c, tf.stack() + "/environments/" + f + " does not exist"));
              }
            }
          }
        }
      } else if (c.spec() instanceof ComponentSpec.Helm helm) {
        requireYaml(s.root(), c, helm.values(), problems);
        helm.fileValues().forEach(fv -> requireYaml(s.root(), c, fv.file(), problems));
        helm.declaredEnvironmentValues().forEach(v -> requireYaml(s.root(), c, v, problems));
        for (Environment env : s.environments()) {
          if (env.enables(c.id()) && helm.environmentValuesFor().isEmpty()) {
            helm.environmentValues(env).forEach(v -> requireYaml(s.root(), c, v, problems));
          }
        }
      } else if (c.spec() instanceof ComponentSpec.Manifests m) {
        requireKustomization(s.root(), c, m.path(), problems);
        for (Environment env : s.environments()) {
          if (env.enables(c.id()) && m.overlay().isPresent()) {
            requireKustomization(s.root(), c, m.path(env), problems);
          }
        }
      }
    }
    return problems;
  }

  private static void requireKustomization(Path root, Component c, String dir, List<Problem> out) {
    if (!Files.isRegularFile(root.resolve(dir).resolve("kustomization.yaml"))) {
      out.add(Problems.at(c, dir + "/kustomization.yaml does not exist"));
    }
  }

  private static void requireYaml(Path root, Component c, String relative, List<Problem> out) {
    Path file = root.resolve(relative);
    if (!Files.isRegularFile(file)) {
      out.add(Problems.at(c, relative + " does not exist"));
      return;
    }
    try {
      YamlFiles.readAll(file);
    } catch (InvalidInputException e) {
      out.addAll(e.problems());
    }
  }
}
