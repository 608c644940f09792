package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.RepoValidator;
import io.github.aksdevsecops.bootstrap.assets.TerraformContract;
import java.util.List;

/** The Terraform cross-reference checks wired into validate. */
final class StackChecks {
  private StackChecks() {}

  static List<RepoValidator.StackCheck> all() {
    return List.of(new TerraformContract());
  }
}
