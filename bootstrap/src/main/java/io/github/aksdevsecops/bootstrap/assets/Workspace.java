package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the catalog and environment files come from: a repository checkout (bootstrap/catalog.yaml,
 * bootstrap/environments/NAME.yaml) or, outside a checkout, the copies embedded in the jar.
 */
public final class Workspace {
  public static final String CATALOG = "bootstrap/catalog.yaml";
  public static final String ENVIRONMENTS = "bootstrap/environments";
  private static final String EMBEDDED = "/defaults/";

  private final Optional<Path> root;
  private final Catalog catalog;

  private Workspace(Optional<Path> root, Catalog catalog) {
    this.root = root;
    this.catalog = catalog;
  }

  /** A checkout at {@code root}. */
  public static Workspace of(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    return new Workspace(Optional.of(absolute), CatalogReader.read(absolute.resolve(CATALOG)));
  }

  /** The defaults embedded in the jar (no repository files needed). */
  public static Workspace embedded() {
    return new Workspace(
        Optional.empty(),
        CatalogReader.parse(Path.of("<embedded>", CATALOG), resource("catalog.yaml")));
  }

  /**
   * The checkout to use from {@code start}: {@code start} itself when it holds the catalog, else
   * the root of the git work tree containing it (the nearest directory with {@code .git}) when that
   * holds the catalog. Other parent directories are never searched, so a catalog planted above a
   * checkout cannot take over.
   */
  public static Optional<Path> findRoot(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (Files.isRegularFile(dir.resolve(CATALOG))) {
      return Optional.of(dir);
    }
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return Files.isRegularFile(p.resolve(CATALOG)) ? Optional.of(p) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  public Optional<Path> root() {
    return root;
  }

  public Catalog catalog() {
    return catalog;
  }

  public Environment environment(String name) {
    if (!name.matches("[a-z][a-z0-9-]{0,20}")) {
      throw new InvalidInputException(
          new Problem(Path.of(ENVIRONMENTS), 0, "invalid environment name '" + name + "'"));
    }
    if (root.isPresent()) {
      Path file = root.get().resolve(ENVIRONMENTS).resolve(name + ".yaml");
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(
            new Problem(file, 0, "unknown environment '" + name + "' (no such file)"));
      }
      return EnvironmentReader.read(file);
    }
    Path pseudo = Path.of("<embedded>", ENVIRONMENTS, name + ".yaml");
    String text = resourceOrNull("environments/" + name + ".yaml");
    if (text == null) {
      throw new InvalidInputException(new Problem(pseudo, 0, "unknown environment '" + name + "'"));
    }
    return EnvironmentReader.parse(pseudo, text);
  }

  private static String resource(String name) {
    String text = resourceOrNull(name);
    if (text == null) {
      throw new IllegalStateException("embedded default missing from the jar: " + name);
    }
    return text;
  }

  private static String resourceOrNull(String name) {
    try (InputStream in = Workspace.class.getResourceAsStream(EMBEDDED + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded " + name, e);
    }
  }
}
