package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.terraform.TerraformParseException;
import io.github.aksdevsecops.bootstrap.assets.terraform.TerraformStack;
import io.github.aksdevsecops.bootstrap.assets.terraform.TerraformStackReader;
import io.github.aksdevsecops.bootstrap.assets.terraform.TfSymbol;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog against the Terraform stacks: outputs it consumes are declared, variables it passes
 * exist, and each environment's tfvars sets only declared variables. Common variables of every
 * stack: environment, location, name_prefix, tags.
 */
final class TerraformContract implements Check {
  static final List<String> COMMON_VARIABLES =
      List.of("environment", "location", "name_prefix", "tags");

  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    Path root = s.root();
    List<Environment> environments = s.environments();
    for (Component c : s.catalog().map(Catalog::components).orElse(List.of())) {
      if (!(c.spec() instanceof ComponentSpec.Terraform tf)) {
        continue;
      }
      Path dir = root.resolve(tf.stack());
      if (!Files.isDirectory(dir)) {
        continue; // reported by the catalog file check
      }
      TerraformStack stack;
      try {
        stack = TerraformStackReader.readStack(dir);
      } catch (TerraformParseException e) {
        problems.add(new Problem(e.file(), e.line(), e.getMessage()));
        continue;
      }
      for (String output : tf.outputs()) {
        if (stack.output(output).isEmpty()) {
          problems.add(Problems.at(c, "output '" + output + "' is not declared in " + tf.stack()));
        }
      }
      for (String variable : tf.variables().keySet()) {
        if (stack.variable(variable).isEmpty()) {
          problems.add(
              Problems.at(c, "variable '" + variable + "' is not declared in " + tf.stack()));
        }
      }
      for (String common : COMMON_VARIABLES) {
        if (stack.variable(common).isEmpty()) {
          problems.add(
              Problems.at(c, "common variable '" + common + "' is not declared in " + tf.stack()));
        }
      }
      for (Environment env : environments) {
        Path tfvars = dir.resolve("environments").resolve(env.name() + ".tfvars");
        if (env.azure().isEmpty() || !Files.isRegularFile(tfvars)) {
          continue;
        }
        try {
          for (TfSymbol set : TerraformStackReader.readTfvars(tfvars)) {
            if (stack.variable(set.name()).isEmpty()) {
              problems.add(
                  new Problem(
                      set.file(),
                      set.line(),
                      "sets '" + set.name() + "', which " + tf.stack() + " does not declare"));
            }
          }
        } catch (TerraformParseException e) {
          problems.add(new Problem(e.file(), e.line(), e.getMessage()));
        }
      }
    }
    return problems;
  }
}
