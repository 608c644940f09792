package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a kustomization's {@code resources} (files and nested kustomizations) and reads the
 * objects with their file:line. Offline cross-reference checks only: patches and generators are the
 * renderer's business (kubectl kustomize in scripts/checks and in the manifest executor).
 */
public final class Kustomizations {
  private Kustomizations() {}

  /**
   * The objects of the kustomization in {@code dir}; every file it names must lie in {@code root}.
   */
  public static List<KubeObject> objects(Path root, Path dir) {
    List<KubeObject> result = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    collect(root.toAbsolutePath().normalize(), dir, null, result, problems, new HashSet<>());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return result;
  }

  private static void collect(
      Path root,
      Path dir,
      String outerNamespace,
      List<KubeObject> out,
      List<Problem> problems,
      Set<Path> seen) {
    Path file = dir.resolve("kustomization.yaml");
    if (!seen.add(file.toAbsolutePath().normalize())) {
      problems.add(new Problem(file, 0, "kustomization included twice (cycle)"));
      return;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(new Problem(dir, 0, "no kustomization.yaml in this directory"));
      return;
    }
    YamlNode kustomization;
    try {
      kustomization = YamlFiles.readOne(file);
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return;
    }
    String namespace = kustomization.optionalText("namespace").orElse(outerNamespace);
    for (YamlNode entry :
        kustomization.optional("resources").map(YamlNode::items).orElse(List.of())) {
      String ref = entry.text();
      if (ref.contains("://") || ref.startsWith("github.com/")) {
        problems.add(entry.problem("remote resource '" + ref + "' is not allowed: vendor it"));
        continue;
      }
      Path target = dir.resolve(ref).toAbsolutePath().normalize();
      if (!target.startsWith(root)) {
        problems.add(entry.problem("resource '" + ref + "' lies outside the repository"));
        continue;
      }
      if (Files.isDirectory(target)) {
        collect(root, target, namespace, out, problems, seen);
      } else if (Files.isRegularFile(target)) {
        try {
          for (YamlNode doc : YamlFiles.readAll(target)) {
            out.add(KubeObject.of(doc, namespace));
          }
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
        }
      } else {
        problems.add(entry.problem("resource '" + ref + "' does not exist"));
      }
    }
  }
}
