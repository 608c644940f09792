package io.github.aksdevsecops.bootstrap.assets.terraform;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The interface of one Terraform root module: its input variables and outputs, in file order.
 *
 * @param dir the stack directory
 * @param variables the {@code variable} blocks
 * @param outputs the {@code output} blocks
 */
public record TerraformStack(Path dir, List<TfSymbol> variables, List<TfSymbol> outputs) {

  public TerraformStack {
    Objects.requireNonNull(dir, "dir");
    variables = List.copyOf(variables);
    outputs = List.copyOf(outputs);
  }

  /** The variable declared under {@code name}, if any. */
  public Optional<TfSymbol> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** The output declared under {@code name}, if any. */
  public Optional<TfSymbol> output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}
