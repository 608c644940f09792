package io.github.aksdevsecops.bootstrap.adapters;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How an object reaches the cluster, and whether doing so changes it. Real clusters use {@link
 * ServerSideApplier}; {@link CreateOrUpdateApplier} serves API servers without server-side apply
 * (fabric8's CRUD mock).
 */
public interface ManifestApplier {
  /** What an apply did (or, previewed, would do) to one object. */
  enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  Change apply(KubernetesClient client, HasMetadata object);

  /** Read-only: what {@link #apply} would do. */
  Change preview(KubernetesClient client, HasMetadata object);

  ManifestApplier SERVER_SIDE = new ServerSideApplier();

  ManifestApplier CREATE_OR_UPDATE = new CreateOrUpdateApplier();
}
