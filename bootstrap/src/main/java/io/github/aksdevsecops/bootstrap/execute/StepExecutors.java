package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;

/** Maps each component kind to its executor; a new kind adds one line here. */
public final class StepExecutors {
  private static final StepExecutor TERRAFORM = new TerraformExecutor();
  private static final StepExecutor CREDENTIALS = new CredentialsExecutor();
  private static final StepExecutor HELM = new HelmExecutor();
  private static final StepExecutor MANIFESTS = new ManifestExecutor();
  private static final StepExecutor SECRETS = new GeneratedSecretsExecutor();

  private StepExecutors() {}

  public static StepExecutor forSpec(ComponentSpec spec) {
    if (spec instanceof ComponentSpec.Terraform) {
      return TERRAFORM;
    }
    if (spec instanceof ComponentSpec.Credentials) {
      return CREDENTIALS;
    }
    if (spec instanceof ComponentSpec.Helm) {
      return HELM;
    }
    if (spec instanceof ComponentSpec.Secrets) {
      return SECRETS;
    }
    return MANIFESTS;
  }
}
