package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.adapters.ManifestApplier;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Create-or-update (the CRUD mock has no server-side apply) plus what the API server would do for a
 * CRD: mark it Established. Records every object it applies.
 */
final class CrudFixtures {
  private CrudFixtures() {}

  /**
   * A real (not dry) run on the kind environment against the mock, with its cluster session in
   * place as the credentials step would leave it; manifests go through {@code applier}.
   */
  static ExecutionContext kindContext(KubernetesClient client, Path root, ManifestApplier applier) {
    Platform platform =
        new Platform(
            ProcessRunner.fromSystem(),
            null,
            KubeGateway.of(client, "kind-devsecops"),
            null,
            applier);
    ExecutionContext ctx =
        new ExecutionContext(
            Fixtures.kind(),
            root,
            false,
            platform,
            Journal.inMemory(Fixtures.kind()),
            ProgressListener.SILENT);
    ctx.session(new ClusterSession(client, Optional.empty(), "kind-devsecops"));
    return ctx;
  }

  static final class RecordingApplier implements ManifestApplier {
    final List<String> applied = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Change preview(KubernetesClient client, HasMetadata object) {
      return ManifestApplier.CREATE_OR_UPDATE.preview(client, object);
    }

    @Override
    public Change apply(KubernetesClient client, HasMetadata object) {
      Change change = ManifestApplier.CREATE_OR_UPDATE.apply(client, object);
      if (change == Change.UNCHANGED) {
        return change;
      }
      applied.add(object.getKind() + "/" + object.getMetadata().getName());
      if (object instanceof CustomResourceDefinition crd) {
        CustomResourceDefinition current =
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .get();
        current.setStatus(
            new CustomResourceDefinitionStatusBuilder()
                .withConditions(
                    new CustomResourceDefinitionConditionBuilder()
                        .withType("Established")
                        .withStatus("True")
                        .build())
                .build());
        client.resource(current).updateStatus();
      }
      return change;
    }
  }

  static final String CRD =
      "apiVersion: apiextensions.k8s.io/v1\n"
          + "kind: CustomResourceDefinition\n"
          + "metadata:\n  name: widgets.example.com\n"
          + "spec:\n  group: example.com\n  scope: Namespaced\n"
          + "  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}\n"
          + "  versions:\n    - name: v1\n      served: true\n      storage: true\n"
          + "      schema:\n        openAPIV3Schema:\n          type: object\n"
          + "          x-kubernetes-preserve-unknown-fields: true\n";
}
