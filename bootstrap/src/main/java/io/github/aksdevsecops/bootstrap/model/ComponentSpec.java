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

  /** A pinned third-party Helm chart with its values file in this repository. */
  record Helm(
      String repository,
      String repositoryUrl,
      String chart,
      String version,
      String release,
      String namespace,
      String values,
      List<FileValue> fileValues,
      List<Map<String, String>> podLabels)
      implements ComponentSpec {
    public Helm {
      fileValues = List.copyOf(fileValues);
      podLabels = List.copyOf(podLabels);
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

  /** The repository's own manifests: a kustomization directory. */
  record Manifests(String path) implements ComponentSpec {
    @Override
    public String kind() {
      return "manifests";
    }
  }
}
