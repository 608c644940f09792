package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.Secret;
import io.github.aksdevsecops.bootstrap.model.AzureTarget;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.util.Optional;

/**
 * Opens the cluster session. AKS: user credentials through Azure, after checking the logged-in
 * subscription. kind: the current kube context, which must be the one the environment names.
 */
public final class CredentialsExecutor implements StepExecutor {

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    Environment env = ctx.environment();
    Platform platform = ctx.platform();
    if (env.azure().isPresent()) {
      AzureTarget azure = env.azure().get();
      String subscription = platform.azure().currentSubscription();
      if (!azure.subscriptionId().equals(subscription)) {
        throw new UnexpectedStateException(
            "logged in to subscription "
                + subscription
                + " but environment "
                + env.name()
                + " is "
                + azure.subscriptionId());
      }
      ComponentSpec.Credentials spec = (ComponentSpec.Credentials) step.component().spec();
      String rg = input(step, ctx, spec, "resource_group_name");
      String cluster = input(step, ctx, spec, "cluster_name");
      if (!cluster.equals(env.kubeContext())) {
        // The cluster name comes from Terraform outputs (or, on --resume, from the journal): it
        // must be the cluster the environment file names, or the run would touch another cluster.
        throw new UnexpectedStateException(
            "cluster "
                + rg
                + "/"
                + cluster
                + " is not the cluster of environment "
                + env.name()
                + " ("
                + env.kubeContext()
                + "): refusing to touch it");
      }
      Secret kubeconfig = platform.azure().userKubeconfig(rg, cluster);
      ctx.session(platform.kube().connect(Optional.of(kubeconfig), cluster));
      return new StepResult.Unchanged("credentials of AKS cluster " + rg + "/" + cluster);
    }
    String current =
        platform
            .kube()
            .currentContext()
            .orElseThrow(() -> new UnexpectedStateException("no current kube context"));
    if (!current.equals(env.kubeContext())) {
      throw new UnexpectedStateException(
          "current kube context is "
              + current
              + " but environment "
              + env.name()
              + " expects "
              + env.kubeContext()
              + ": refusing to touch another cluster");
    }
    ctx.session(platform.kube().connect(Optional.empty(), current));
    return new StepResult.Unchanged("using kube context " + current);
  }

  private static String input(
      PlannedStep step, ExecutionContext ctx, ComponentSpec.Credentials spec, String name) {
    var ref = spec.inputs().get(name);
    if (ref == null) {
      throw new StepFailedException(step.id() + " has no input " + name + " in the catalog");
    }
    return ctx.output(ref.component(), ref.output())
        .orElseThrow(
            () -> new StepFailedException(step.id() + " needs " + ref + ": not available"));
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    return apply(step, ctx);
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    return apply(step, ctx);
  }
}
