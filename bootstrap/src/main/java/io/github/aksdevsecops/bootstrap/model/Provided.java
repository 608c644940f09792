package io.github.aksdevsecops.bootstrap.model;

import java.util.Optional;

/**
 * An object the platform's render refers to that something outside bootstrap creates (a storage
 * class AKS or kind ships with the cluster), declared in the environment file with who provides it
 * ({@code by}), so the references check accepts it.
 */
public record Provided(
    String kind, Optional<String> namespace, String name, String by, Source source) {

  /** kind/namespace/name, the namespace empty for cluster-scoped objects. */
  public String key() {
    return kind + "/" + namespace.orElse("") + "/" + name;
  }
}
