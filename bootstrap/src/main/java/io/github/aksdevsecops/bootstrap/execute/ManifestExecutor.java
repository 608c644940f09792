package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import io.github.aksdevsecops.bootstrap.report.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders a kustomization (kubectl kustomize, offline) and applies each object through the {@link
 * ManifestApplier}: CRDs first, then Namespaces, then the rest. An object already holding every
 * field we declare is left alone, so a second run changes nothing. Objects are annotated with the
 * step that owns them; destroy deletes only objects carrying that annotation.
 */
public final class ManifestExecutor implements StepExecutor {
  public static final String OWNER = "bootstrap.aksdevsecops.io/step";
  static final Duration RENDER = Duration.ofMinutes(2);

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    List<HasMetadata> objects = render(step, ctx, client);
    int changed = 0;
    for (HasMetadata object : objects) {
      HasMetadata existing = client.resource(object).get();
      if (existing != null && contains(client, existing, object)) {
        continue;
      }
      ctx.platform().applier().apply(client, object);
      changed++;
      if ("CustomResourceDefinition".equals(object.getKind())) {
        Waiter.await(
            client,
            new io.github.aksdevsecops.bootstrap.model.Waits(
                List.of(object.getMetadata().getName()), List.of()),
            Waiter.TIMEOUT);
      }
    }
    Waiter.await(client, step.component().waits(), Waiter.TIMEOUT);
    String path = ((ComponentSpec.Manifests) step.component().spec()).path();
    return changed == 0
        ? new StepResult.Unchanged(objects.size() + " objects of " + path + " already applied")
        : new StepResult.Applied(
            changed + " of " + objects.size() + " objects of " + path + " applied");
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    int create = 0;
    int update = 0;
    List<HasMetadata> objects = render(step, ctx, client);
    for (HasMetadata object : objects) {
      HasMetadata existing = client.resource(object).get();
      if (existing == null) {
        create++;
      } else if (!contains(client, existing, object)) {
        update++;
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
    java.util.Collections.reverse(objects);
    int deleted = 0;
    for (HasMetadata object : objects) {
      HasMetadata existing = client.resource(object).get();
      if (existing == null
          || existing.getMetadata().getAnnotations() == null
          || !step.id().equals(existing.getMetadata().getAnnotations().get(OWNER))) {
        continue;
      }
      client.resource(existing).withTimeout(2, java.util.concurrent.TimeUnit.MINUTES).delete();
      deleted++;
    }
    return new StepResult.Applied("deleted " + deleted + " objects it had created");
  }

  List<HasMetadata> render(PlannedStep step, ExecutionContext ctx, KubernetesClient client)
      throws InterruptedException {
    String path = ((ComponentSpec.Manifests) step.component().spec()).path();
    ProcessRunner.Result r =
        ctx.platform()
            .processes()
            .run(
                ProcessRunner.Command.of(
                        List.of("kubectl", "kustomize", ctx.root().resolve(path).toString()),
                        ctx.root(),
                        RENDER)
                    .capturing());
    if (r.exitCode() != 0) {
      throw new StepFailedException(
          "kubectl kustomize " + path + " failed (exit " + r.exitCode() + ")");
    }
    List<HasMetadata> objects =
        new ArrayList<>(
            client
                .load(new ByteArrayInputStream(r.output().getBytes(StandardCharsets.UTF_8)))
                .items());
    for (HasMetadata o : objects) {
      if (o.getMetadata().getAnnotations() == null) {
        o.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
      }
      o.getMetadata().getAnnotations().put(OWNER, step.id());
    }
    objects.sort(Comparator.comparingInt(ManifestExecutor::rank));
    return objects;
  }

  private static int rank(HasMetadata o) {
    return switch (o.getKind()) {
      case "CustomResourceDefinition" -> 0;
      case "Namespace" -> 1;
      default -> 2;
    };
  }

  /** Every field we declare is already there with the same value (server defaults may add more). */
  static boolean contains(KubernetesClient client, HasMetadata existing, HasMetadata desired) {
    var serialization = client.getKubernetesSerialization();
    JsonNode have = Json.readTree(serialization.asJson(existing));
    JsonNode want = Json.readTree(serialization.asJson(desired));
    return subset(want, have);
  }

  static boolean subset(JsonNode want, JsonNode have) {
    return subset(want, have, "");
  }

  private static boolean subset(JsonNode want, JsonNode have, String field) {
    if (want == null || want.isNull()) {
      return true;
    }
    if (have == null) {
      return false;
    }
    if (want.isObject()) {
      if (!have.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = want.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!subset(f.getValue(), have.get(f.getKey()), f.getKey())) {
          return false;
        }
      }
      return true;
    }
    if (want.isArray()) {
      if (!have.isArray() || have.size() != want.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!subset(want.get(i), have.get(i), field)) {
          return false;
        }
      }
      return true;
    }
    return want.asText().equals(have.asText())
        || (QUANTITY_FIELDS.contains(field) && sameQuantity(want.asText(), have.asText()));
  }

  /**
   * The API server stores resource quantities in canonical form ({@code 1000m} comes back as {@code
   * 1}, {@code 0.5} as {@code 500m}); equal amounts are the same declaration, not drift.
   */
  static boolean sameQuantity(String want, String have) {
    if (!startsLikeANumber(want) || !startsLikeANumber(have)) {
      return false;
    }
    try {
      return Quantity.getAmountInBytes(Quantity.parse(want))
              .compareTo(Quantity.getAmountInBytes(Quantity.parse(have)))
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  /** Resource names whose values are quantities (requests, limits, capacities, PVC sizes). */
  private static final java.util.Set<String> QUANTITY_FIELDS =
      java.util.Set.of("cpu", "memory", "ephemeral-storage", "storage");

  private static boolean startsLikeANumber(String s) {
    return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || "+-.".indexOf(s.charAt(0)) >= 0);
  }
}
