package io.github.aksdevsecops.bootstrap.verify;

import java.util.List;
import java.util.Optional;

/**
 * What the API server itself can be asked about, read from the environment's manifests and catalog:
 * whether the nodes run containers at all, who the manifests give access to and with which rules,
 * and which objects and Helm releases the environment must have.
 */
public record ClusterFacts(
    boolean simulatedNodes,
    List<Access> access,
    List<ExpectedObject> objects,
    List<Release> releases) {
  public ClusterFacts {
    access = List.copyOf(access);
    objects = List.copyOf(objects);
    releases = List.copyOf(releases);
  }

  /** One rule of a Role or ClusterRole. */
  public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs) {
    public Rule {
      apiGroups = List.copyOf(apiGroups);
      resources = List.copyOf(resources);
      verbs = List.copyOf(verbs);
    }

    /** RBAC's own matching: exact names or {@code *}; a subresource is named "resource/sub". */
    public boolean grants(String group, String resource, String verb) {
      return matches(apiGroups, group) && matches(resources, resource) && matches(verbs, verb);
    }

    private static boolean matches(List<String> allowed, String value) {
      return allowed.contains("*") || allowed.contains(value);
    }
  }

  /**
   * A binding of people (a Group or User subject) to a role: where it holds ({@code namespace} for
   * a RoleBinding, empty for a ClusterRoleBinding) and the role's rules.
   */
  public record Access(
      String binding,
      String subjectKind,
      String subject,
      Optional<String> namespace,
      List<Rule> rules) {
    public Access {
      rules = List.copyOf(rules);
    }

    public boolean grants(String group, String resource, String verb) {
      return rules.stream().anyMatch(r -> r.grants(group, resource, verb));
    }
  }

  /** An object a manifests step of the environment applies. */
  public record ExpectedObject(
      String component, String apiVersion, String kind, Optional<String> namespace, String name) {
    public String describe() {
      return kind + " " + namespace.map(n -> n + "/").orElse("") + name + " (" + component + ")";
    }
  }

  /** A Helm release a chart step of the environment installs. */
  public record Release(String component, String name, String namespace) {}
}
