package io.github.aksdevsecops.bootstrap.assets.terraform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A named Terraform declaration (variable, output, or a tfvars assignment) and where it is written.
 *
 * @param name the declared name
 * @param file the file it is declared in
 * @param line the 1-based line of the declaration
 */
public record TfSymbol(String name, Path file, int line) {

  public TfSymbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
  }

  /** {@code file:line}, the form every error message uses. */
  public String location() {
    return file + ":" + line;
  }
}
