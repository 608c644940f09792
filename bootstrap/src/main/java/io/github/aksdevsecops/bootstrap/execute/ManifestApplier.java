package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.github.aksdevsecops.bootstrap.report.PlanRenderer;

/**
 * How an object reaches the cluster: server-side apply with one field manager on real clusters;
 * create-or-update where server-side apply is not served (fabric8's CRUD mock).
 */
public interface ManifestApplier {
  void apply(KubernetesClient client, HasMetadata object);

  ManifestApplier SERVER_SIDE =
      (client, object) ->
          client
              .resource(object)
              .fieldManager(PlanRenderer.FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();

  ManifestApplier CREATE_OR_UPDATE =
      (client, object) -> client.resource(object).createOr(NonDeletingOperation::update);
}
