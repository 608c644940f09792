package io.github.aksdevsecops.bootstrap.adapters;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.aksdevsecops.bootstrap.model.Ownership;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply the server's way: one field manager, no force by default, and "changed" decided
 * by the server (the resourceVersion moves only when the object changes). A conflict is forced only
 * when every conflicting manager is one this tool takes over by design — the client-side apply and
 * create of kubectl that objects applied before server-side apply carry (the upgrade path the
 * Kubernetes documentation describes). Any other conflict (an operator, an HPA, a person editing)
 * fails the step naming the managers and fields. Preview is a server-side dry run.
 */
public final class ServerSideApplier implements ManifestApplier {
  /** Field managers of pre-server-side-apply tooling whose fields this tool takes over. */
  public static final Set<String> ADOPTABLE_MANAGERS =
      Set.of("kubectl-client-side-apply", "kubectl-create", "before-first-apply");

  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");

  @Override
  public Change apply(KubernetesClient client, HasMetadata object) {
    HasMetadata existing = client.resource(object).get();
    HasMetadata applied = serverSideApply(client, object, false);
    if (existing == null) {
      return Change.CREATED;
    }
    return Objects.equals(resourceVersion(existing), resourceVersion(applied))
        ? Change.UNCHANGED
        : Change.UPDATED;
  }

  @Override
  public Change preview(KubernetesClient client, HasMetadata object) {
    HasMetadata existing = client.resource(object).get();
    if (existing == null) {
      return Change.CREATED;
    }
    HasMetadata wouldBe = serverSideApply(client, object, true);
    KubernetesSerialization json = client.getKubernetesSerialization();
    return comparable(json, existing).equals(comparable(json, wouldBe))
        ? Change.UNCHANGED
        : Change.UPDATED;
  }

  /** Applies (or dry-runs) without force; forces only over adoptable managers. */
  private static HasMetadata serverSideApply(
      KubernetesClient client, HasMetadata object, boolean dryRun) {
    try {
      return client
          .resource(object)
          .dryRun(dryRun)
          .fieldManager(Ownership.FIELD_MANAGER)
          .serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      Conflict conflict = Conflict.of(e);
      if (!conflict.adoptable()) {
        throw new StepFailedException(
            describe(object)
                + ": fields "
                + conflict.fields()
                + " are managed by "
                + conflict.managers()
                + "; refusing to take them over (remove that manager's changes or the fields"
                + " from the manifest)",
            e);
      }
      return client
          .resource(object)
          .dryRun(dryRun)
          .fieldManager(Ownership.FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
  }

  /** The object without what every write changes by itself (version counters and timestamps). */
  static JsonNode comparable(KubernetesSerialization serialization, HasMetadata object) {
    JsonNode tree =
        io.github.aksdevsecops.bootstrap.json.Json.readTree(serialization.asJson(object));
    if (tree.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(List.of("resourceVersion", "generation", "managedFields"));
    }
    if (tree instanceof ObjectNode root) {
      root.remove("status");
    }
    return tree;
  }

  private static String resourceVersion(HasMetadata o) {
    return o == null ? null : o.getMetadata().getResourceVersion();
  }

  private static String describe(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getKind() + " " + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
  }

  /** The managers and fields of a 409 from server-side apply. */
  record Conflict(Set<String> managers, List<String> fields) {
    static Conflict of(KubernetesClientException e) {
      Set<String> managers = new TreeSet<>();
      List<String> fields = new ArrayList<>();
      List<StatusCause> causes =
          e.getStatus() == null || e.getStatus().getDetails() == null
              ? List.of()
              : e.getStatus().getDetails().getCauses();
      for (StatusCause cause : causes == null ? List.<StatusCause>of() : causes) {
        Matcher m = MANAGER.matcher(String.valueOf(cause.getMessage()));
        if (m.find()) {
          managers.add(m.group(1));
        }
        if (cause.getField() != null) {
          fields.add(cause.getField());
        }
      }
      return new Conflict(managers, fields);
    }

    boolean adoptable() {
      return !managers.isEmpty() && ADOPTABLE_MANAGERS.containsAll(managers);
    }
  }
}
