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

    /** The environment's values file, if the chart has one for this environment. */
    public java.util.Optional<String> environmentValues(Environment env) {
      return environmentValues
          .filter(p -> environmentValuesFor.isEmpty() || environmentValuesFor.contains(env.name()))
          .map(p -> p.replace(ENV, env.name()));
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

  /** Stands for the environment's name in per-environment paths. */
  String ENV = "{env}";
}
