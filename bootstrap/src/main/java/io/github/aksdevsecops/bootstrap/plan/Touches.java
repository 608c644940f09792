package io.github.aksdevsecops.bootstrap.plan;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.Ownership;

/** What a step touches, in words: the plan prints it and a dry run reports it per step. */
public final class Touches {
  private Touches() {}

  public static String of(Component c, Environment env) {
    ComponentSpec spec = c.spec();
    if (spec instanceof ComponentSpec.Terraform tf) {
      return "Azure resources of Terraform stack "
          + tf.stack()
          + " (vars environments/"
          + env.name()
          + ".tfvars, state per environments/"
          + env.name()
          + ".backend.hcl; saved plan applied)";
    }
    if (spec instanceof ComponentSpec.Credentials) {
      return env.azure().isPresent()
          ? "local kubeconfig: context "
              + env.kubeContext()
              + " from AKS user credentials (Azure SDK, kept in memory), subscription "
              + env.azure().get().subscriptionId()
          : "nothing: uses the current kube context, which must be " + env.kubeContext();
    }
    if (spec instanceof ComponentSpec.Helm helm) {
      return "Helm release "
          + helm.namespace()
          + "/"
          + helm.release()
          + ": "
          + helm.chartReference()
          + " with "
          + helm.values()
          + " (atomic, wait)";
    }
    if (spec instanceof ComponentSpec.Secrets secrets) {
      return "Secrets created when absent (values never shown): "
          + String.join(
              ", ", secrets.secrets().stream().map(s -> s.namespace() + "/" + s.name()).toList());
    }
    ComponentSpec.Manifests m = (ComponentSpec.Manifests) spec;
    return "objects rendered from "
        + m.path()
        + " (server-side apply as "
        + Ownership.FIELD_MANAGER
        + ")";
  }
}
