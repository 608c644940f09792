package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.assets.SecretsCatalogs;
import io.github.aksdevsecops.bootstrap.model.Ownership;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated Secrets written to fabric8's CRUD mock: created once, kept, never shown. */
@EnableKubernetesMockClient(crud = true)
class GeneratedSecretsExecutorCrudTest {
  KubernetesClient client;
  @TempDir Path root;
  PlannedStep step;
  ExecutionContext ctx;
  final GeneratedSecretsExecutor executor = new GeneratedSecretsExecutor();

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(root.resolve("config.yaml"), "route: {receiver: none}\n");
    step =
        Fixtures.plan(
                SecretsCatalogs.grafanaAdmin("admin", "config.yaml: {file: config.yaml}"),
                Fixtures.kind())
            .step("kind-secrets")
            .orElseThrow();
    ctx = CrudFixtures.kindContext(client, root, new CrudFixtures.RecordingApplier());
  }

  Secret current() {
    return client.secrets().inNamespace("monitoring").withName("grafana-admin").get();
  }

  /** The step's Secret as something else created it before the step ran. */
  void existing(SecretBuilder secret) {
    client
        .resource(
            secret
                .withNewMetadata()
                .withNamespace("monitoring")
                .withName("grafana-admin")
                .endMetadata()
                .build())
        .create();
  }

  static String encoded(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static String decoded(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  @Test
  void createsTheAbsentSecretWithEveryKeyAndOwnsIt() throws Exception {
    StepResult r = executor.apply(step, ctx);

    assertThat(r).isInstanceOf(StepResult.Applied.class);
    Secret s = current();
    assertThat(decoded(s, "admin-user")).isEqualTo("admin");
    assertThat(decoded(s, "admin-password")).hasSize(32).matches("[A-Za-z0-9_-]{32}");
    assertThat(decoded(s, "config.yaml")).isEqualTo("route: {receiver: none}\n");
    assertThat(s.getMetadata().getAnnotations())
        .containsEntry(Ownership.STEP_ANNOTATION, "kind-secrets");
    assertThat(r.detail()).doesNotContain(decoded(s, "admin-password"));
  }

  @Test
  void aSecondRunChangesNothingAndKeepsTheRandomValue() throws Exception {
    executor.apply(step, ctx);
    String password = decoded(current(), "admin-password");

    StepResult again = executor.apply(step, ctx);

    assertThat(again).isInstanceOf(StepResult.Unchanged.class);
    assertThat(decoded(current(), "admin-password")).isEqualTo(password);
    assertThat(executor.preview(step, ctx)).isInstanceOf(StepResult.Unchanged.class);
  }

  @Test
  void aChangedFileUpdatesItsKeyOnlyAndKeepsForeignKeys() throws Exception {
    executor.apply(step, ctx);
    String password = decoded(current(), "admin-password");
    client
        .secrets()
        .inNamespace("monitoring")
        .withName("grafana-admin")
        .edit(s -> new SecretBuilder(s).addToData("extra", encoded("x")).build());
    Files.writeString(root.resolve("config.yaml"), "route: {receiver: pager}\n");

    assertThat(executor.preview(step, ctx)).isInstanceOf(StepResult.Applied.class);
    assertThat(executor.apply(step, ctx)).isInstanceOf(StepResult.Applied.class);

    Secret s = current();
    assertThat(decoded(s, "config.yaml")).isEqualTo("route: {receiver: pager}\n");
    assertThat(decoded(s, "admin-password")).isEqualTo(password);
    assertThat(decoded(s, "extra")).isEqualTo("x");
  }

  @Test
  void anExistingSecretMissingARandomKeyGetsOneAndKeepsTheRest() throws Exception {
    existing(new SecretBuilder().addToData("admin-user", encoded("root")));

    executor.apply(step, ctx);

    assertThat(decoded(current(), "admin-user")).isEqualTo("admin");
    assertThat(decoded(current(), "admin-password")).hasSize(32);
  }

  @Test
  void destroyDeletesOnlyASecretThisStepCreated() throws Exception {
    existing(new SecretBuilder());

    executor.destroy(step, ctx);
    assertThat(current()).as("not created by the step: kept").isNotNull();

    client.secrets().inNamespace("monitoring").withName("grafana-admin").delete();
    executor.apply(step, ctx);
    executor.destroy(step, ctx);
    assertThat(current()).isNull();
  }
}
