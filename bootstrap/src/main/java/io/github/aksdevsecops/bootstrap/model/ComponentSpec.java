package io.github.aksdevsecops.bootstrap.model;

import java.util.List;
import java.util.Map;

/** What a catalog component deploys; one executor per kind. */
public sealed interface ComponentSpec {

  /** Catalog name of the kind. */
  String kind();

  /** A Terraform stack: its variables may be fed from earlier stacks' outputs. */
  record Terraform(String stack, List<String> outputs, Map<String, OutputRef> variables)
      implements ComponentSpec {
    public Terraform {
      outputs = List.copyOf(outputs);
      variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    @Override
    public String kind() {
      return "terraform";
    }
  }

  /** Cluster credentials: AKS user credentials via Azure, or the current kube context. */
  record Credentials(Map<String, OutputRef> inputs) implements ComponentSpec {
    public Credentials {
      inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    }

    @Override
    public String kind() {
      return "credentials";
    }
  }

  /**
   * A pinned third-party Helm chart with its values file in this repository, and optionally a
   * values file per environment ({@code environmentValues}, a path with {@code {env}} in it) laid
   * over it: for every environment, or only for those {@code environmentValuesFor} names (e.g. the
   * kind sizing, where staging and production keep the shared values as they are).
   */
  record Helm(
      String repository,
      String repositoryUrl,
      String chart,
      String version,
      ChartDigests sha256,
      String release,
      String namespace,
      String values,
      java.util.Optional<String> environmentValues,
      List<String> environmentValuesFor,
      List<FileValue> fileValues,
      List<Map<String, String>> podLabels)
      implements ComponentSpec {
    public Helm {
      environmentValuesFor = List.copyOf(environmentValuesFor);
      fileValues = List.copyOf(fileValues);
      podLabels = List.copyOf(podLabels);
    }

    /**
     * The environment's values files, in the order they are laid over the shared values: for an
     * environment based on another, the base environment's file, then its own where {@code
     * environmentValuesFor} names it (a file meant for every environment is the base's alone).
     */
    public List<String> environmentValues(Environment env) {
      if (environmentValues.isEmpty()) {
        return List.of();
      }
      String path = environmentValues.get();
      List<String> layers = env.layers();
      return layers.stream()
          .filter(
              layer ->
                  environmentValuesFor.isEmpty()
                      ? layer.equals(layers.get(0))
                      : environmentValuesFor.contains(layer))
          .map(layer -> path.replace(ENV, layer))
          .toList();
    }

    /**
     * The files {@code environmentValuesFor} declares, one per environment it names, whether or not
     * that environment's file is in the checkout: each must exist, so a misspelt name is an error
     * rather than an environment silently left on the shared values.
     */
    public List<String> declaredEnvironmentValues() {
      return environmentValues
          .map(p -> environmentValuesFor.stream().map(name -> p.replace(ENV, name)).toList())
          .orElse(List.of());
    }

    public String chartReference() {
      return repository + "/" + chart + "@" + version;
    }

    @Override
    public String kind() {
      return "helm";
    }
  }

  /** A file of this repository passed as one value (Helm's --set-file), e.g. Falco rules. */
  record FileValue(List<String> key, String file) {
    public FileValue {
      key = List.copyOf(key);
    }
  }

  /**
   * The repository's own manifests: a kustomization directory, or per environment the overlay
   * {@code overlay} names (a path with {@code {env}} in it) that builds on it.
   */
  record Manifests(String path, java.util.Optional<String> overlay) implements ComponentSpec {
    public Manifests(String path) {
      this(path, java.util.Optional.empty());
    }

    /** The kustomization applied in an environment: its overlay, else the shared folder. */
    public String path(Environment env) {
      return overlay.map(o -> o.replace(ENV, env.name())).orElse(path);
    }

    @Override
    public String kind() {
      return "manifests";
    }
  }

  /**
   * Secrets bootstrap creates itself where no vault provides them (kind): each key is random
   * (generated once, then kept), a file of this repository (kept equal to the file) or a fixed
   * non-secret value. Values are never printed, journaled or rendered.
   */
  record Secrets(List<GeneratedSecret> secrets) implements ComponentSpec {
    public Secrets {
      secrets = List.copyOf(secrets);
    }

    @Override
    public String kind() {
      return "secrets";
    }
  }

  /** One Secret to generate, with where each key's value comes from. */
  record GeneratedSecret(String namespace, String name, Map<String, KeySource> keys) {
    public GeneratedSecret {
      keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }
  }

  /** Where a generated Secret's key takes its value from. */
  sealed interface KeySource {
    /** Random URL-safe characters, generated when the key is missing and never changed after. */
    record Random(int length) implements KeySource {}

    /** A file of this repository (non-secret configuration), kept equal to the file. */
    record File(String path) implements KeySource {}

    /** A fixed value that is not secret (a user name). */
    record Value(String value) implements KeySource {}
  }

  /** Stands for the environment's name in per-environment paths. */
  String ENV = "{env}";
}
