package io.github.aksdevsecops.bootstrap.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The component catalog, in file order. */
public record Catalog(Path file, List<Component> components) {
  public Catalog {
    components = List.copyOf(components);
  }

  public Optional<Component> find(String id) {
    return components.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
