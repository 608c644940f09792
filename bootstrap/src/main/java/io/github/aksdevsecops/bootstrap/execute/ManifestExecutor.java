package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.aksdevsecops.bootstrap.adapters.ManifestApplier;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Ownership;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.model.Waits;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization (kubectl kustomize, offline) and applies each object through the {@link
 * ManifestApplier}: CRDs first, then Namespaces, then the rest. The applier reports whether each
 * object changed, so a second run says it changed nothing. Objects are annotated with the step that
 * owns them; destroy deletes only objects carrying that annotation.
 */
public final class ManifestExecutor implements StepExecutor {
  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    List<HasMetadata> objects = render(step, ctx, client);
    String path = ((ComponentSpec.Manifests) step.component().spec()).path(ctx.environment());
    int changed = 0;
    for (HasMetadata object : objects) {
      ManifestApplier.Change change = applied(ctx, client, object, path);
      if (change == ManifestApplier.Change.UNCHANGED) {
        continue;
      }
      changed++;
      if ("CustomResourceDefinition".equals(object.getKind())) {
        Waiter.await(
            client, new Waits(List.of(object.getMetadata().getName()), List.of()), Waiter.TIMEOUT);
      }
    }
    Waiter.await(client, step.component().waits(), Waiter.TIMEOUT);
    return changed == 0
        ? new StepResult.Unchanged(objects.size() + " objects of " + path + " already applied")
        : new StepResult.Applied(
            changed + " of " + objects.size() + " objects of " + path + " applied");
  }

  /**
   * One object applied; the API server's refusal (schema, an immutable field, admission) names the
   * object and the kustomization it came from, with the server's own message.
   */
  private static ManifestApplier.Change applied(
      ExecutionContext ctx, KubernetesClient client, HasMetadata object, String path) {
    try {
      return ctx.platform().applier().apply(client, object);
    } catch (KubernetesClientException e) {
      boolean answered = e.getCode() > 0 && e.getStatus() != null;
      String reason =
          answered && e.getStatus().getMessage() != null
              ? "the API server refused it: " + e.getStatus().getMessage()
              : "the API server did not answer: " + e.getMessage();
      throw new StepFailedException(
          object.getKind()
              + " "
              + (object.getMetadata().getNamespace() == null
                  ? ""
                  : object.getMetadata().getNamespace() + "/")
              + object.getMetadata().getName()
              + " of "
              + path
              + ": "
              + reason,
          e);
    }
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    int create = 0;
    int update = 0;
    List<HasMetadata> objects = render(step, ctx, client);
    for (HasMetadata object : objects) {
      switch (ctx.platform().applier().preview(client, object)) {
        case CREATED -> create++;
        case UPDATED -> update++;
        case UNCHANGED -> {}
      }
    }
    return create + update == 0
        ? new StepResult.Unchanged(objects.size() + " objects as declared")
        : new StepResult.Applied(create + " to create, " + update + " to update");
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    List<HasMetadata> objects = new ArrayList<>(render(step, ctx, client));
    Collections.reverse(objects);
    int deleted = 0;
    for (HasMetadata object : objects) {
      HasMetadata existing = client.resource(object).get();
      if (existing == null
          || existing.getMetadata().getAnnotations() == null
          || !step.id()
              .equals(existing.getMetadata().getAnnotations().get(Ownership.STEP_ANNOTATION))) {
        continue;
      }
      client.resource(existing).withTimeout(2, TimeUnit.MINUTES).delete();
      deleted++;
    }
    return new StepResult.Applied("deleted " + deleted + " objects it had created");
  }

  List<HasMetadata> render(PlannedStep step, ExecutionContext ctx, KubernetesClient client)
      throws InterruptedException {
    String yaml =
        StepSources.kustomize(
            ctx.platform().processes(),
            ctx.root(),
            step.component(),
            ctx.environment(),
            Inputs.Resolver.of(ctx));
    List<HasMetadata> objects =
        new ArrayList<>(
            client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
    for (HasMetadata o : objects) {
      if (o.getMetadata().getAnnotations() == null) {
        o.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      o.getMetadata().getAnnotations().put(Ownership.STEP_ANNOTATION, step.id());
    }
    objects.sort(Comparator.comparingInt(ManifestExecutor::rank));
    return objects;
  }

  /**
   * CRDs and Namespaces before what lives in them; exceptions to admission policies before the
   * policies: a policy applied first refuses, until its exception arrives, the workloads of steps
   * running beside this one (seen on a real API server with Kyverno running).
   */
  private static int rank(HasMetadata o) {
    return switch (o.getKind()) {
      case "CustomResourceDefinition" -> 0;
      case "Namespace" -> 1;
      case "PolicyException" -> 2;
      default -> 3;
    };
  }
}
