package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step's objects are made of, in one place for apply and render: the values files of a chart
 * in an environment, and the kustomization of a manifests step rendered with kubectl kustomize.
 * What validate checks is therefore what apply sends.
 */
public final class StepSources {
  static final Duration KUSTOMIZE = Duration.ofMinutes(2);

  private StepSources() {}

  /**
   * The values files of a chart, in the order Helm layers them: the catalog's values file, the
   * environment's values file, then one generated file per file value (Helm's --set-file).
   */
  public static List<Path> helmValues(
      Path root, Component component, Environment env, Inputs.Resolver inputs) {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) component.spec();
    List<Path> files = new ArrayList<>();
    files.add(withInputs(root, helm.values(), component, inputs));
    helm.environmentValues(env).forEach(v -> files.add(withInputs(root, v, component, inputs)));
    for (ComponentSpec.FileValue fv : helm.fileValues()) {
      try {
        String content = Files.readString(root.resolve(fv.file()), StandardCharsets.UTF_8);
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Object> node = tree;
        for (int i = 0; i < fv.key().size() - 1; i++) {
          Map<String, Object> child = new LinkedHashMap<>();
          node.put(fv.key().get(i), child);
          node = child;
        }
        node.put(fv.key().get(fv.key().size() - 1), content);
        Path generated = Files.createTempFile("helm-file-values-", ".json");
        generated.toFile().deleteOnExit();
        // JSON is YAML: Helm reads it as a values file.
        Files.writeString(generated, Json.write(tree), StandardCharsets.UTF_8);
        files.add(generated);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare file value " + fv.file(), e);
      }
    }
    return files;
  }

  /**
   * A values file as Helm reads it: the file itself, or a private copy with the component's inputs
   * filled in when it writes any.
   */
  private static Path withInputs(
      Path root, String file, Component component, Inputs.Resolver inputs) {
    Path path = root.resolve(file);
    if (component.inputs().isEmpty() || !Files.isRegularFile(path)) {
      return path;
    }
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      String filled = Inputs.substitute(text, component, inputs, file);
      if (filled.equals(text)) {
        return path;
      }
      Path copy = Files.createTempFile("helm-values-", ".yaml");
      copy.toFile().deleteOnExit();
      Files.writeString(copy, filled, StandardCharsets.UTF_8);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare values file " + file, e);
    }
  }

  /**
   * The objects of a manifests step in an environment, as kubectl kustomize renders them, with the
   * component's inputs filled in.
   */
  public static String kustomize(
      ProcessRunner runner, Path root, Component component, Environment env, Inputs.Resolver inputs)
      throws InterruptedException {
    ComponentSpec.Manifests manifests = (ComponentSpec.Manifests) component.spec();
    String path = manifests.path(env);
    ProcessRunner.Result r =
        runner.run(
            ProcessRunner.Command.of(
                    List.of("kubectl", "kustomize", root.resolve(path).toString()), root, KUSTOMIZE)
                .capturing());
    if (r.exitCode() != 0) {
      throw new StepFailedException(
          "kubectl kustomize " + path + " failed (exit " + r.exitCode() + ")", r.tail());
    }
    return Inputs.substitute(r.output(), component, inputs, path);
  }

  /** The Kubernetes version charts are rendered for: the environment's, as Helm spells it. */
  public static String kubeVersion(Environment env) {
    return "v" + env.kubernetesVersion() + ".0";
  }
}
