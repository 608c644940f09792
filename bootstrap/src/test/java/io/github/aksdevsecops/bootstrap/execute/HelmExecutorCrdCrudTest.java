package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which CRDs a Helm step owns (and destroy removes), against fabric8's mock API server (a stand-in:
 * PlatformSimIT proves the same on a real kube-apiserver when an apply is cut off mid-install).
 */
@EnableKubernetesMockClient(crud = true)
class HelmExecutorCrdCrudTest {
  KubernetesClient client;
  @TempDir Path root;

  @Test
  void theStepOwnsCrdsItCreatesAndThoseItsReleaseMadeButNotOnesThatWereThereBefore()
      throws Exception {
    Files.createDirectories(root.resolve("falco"));
    Files.writeString(root.resolve("falco/values.yaml"), "driver:\n  kind: modern_ebpf\n");
    Files.writeString(root.resolve("falco/rules.yaml"), "- rule: r\n");
    PlannedStep step =
        Fixtures.plan(HelmExecutorTest.CATALOG, Fixtures.kind()).step("falco").orElseThrow();
    crd(
        "rules.falco.org",
        Map.of("meta.helm.sh/release-name", "falco", "meta.helm.sh/release-namespace", "falco"));
    crd("others.example.org", Map.of());
    crd(
        "foreign.falco.org",
        Map.of(
            "meta.helm.sh/release-name", "falco", "meta.helm.sh/release-namespace", "elsewhere"));
    FakeHelm helm = new FakeHelm();
    helm.rendered =
        definition("rules.falco.org")
            + definition("others.example.org")
            + definition("foreign.falco.org")
            + definition("fresh.falco.org");
    Platform platform =
        new Platform(null, null, null, helm, null, chart -> root.resolve("falco-4.21.2.tgz"));
    ExecutionContext ctx =
        new ExecutionContext(
            Fixtures.kind(),
            root,
            false,
            platform,
            Journal.inMemory(Fixtures.kind()),
            ProgressListener.SILENT);
    ctx.session(new ClusterSession(client, Optional.empty(), "kind-devsecops"));

    StepResult r = new HelmExecutor().apply(step, ctx);

    assertThat(r.recorded()).containsEntry(HelmExecutor.CRDS, "fresh.falco.org,rules.falco.org");
  }

  private void crd(String name, Map<String, String> annotations) {
    String[] parts = name.split("\\.", 2);
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withGroup(parts[1])
                .withScope("Namespaced")
                .withNewNames()
                .withPlural(parts[0])
                .withKind("Thing")
                .endNames()
                .endSpec()
                .build())
        .create();
  }

  private static String definition(String name) {
    return "---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata:\n  name: "
        + name
        + "\n";
  }
}
