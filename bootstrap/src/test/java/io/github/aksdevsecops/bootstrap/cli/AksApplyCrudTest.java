package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.adapters.KubeGateway;
import io.github.aksdevsecops.bootstrap.execute.ExecTestSupport;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The AKS path end to end without a cloud: a fake terraform on PATH, a fake Azure, the CRUD mock as
 * the cluster. Terraform outputs must reach the credentials step; the kubeconfig never shows.
 */
@EnableKubernetesMockClient(crud = true)
class AksApplyCrudTest {
  KubernetesClient client;
  @TempDir Path repo;
  @TempDir Path bin;
  ExecTestSupport.Azure azure = ExecTestSupport.azure();
  ExecTestSupport.Helm helm = ExecTestSupport.helm();
  Path log;

  @BeforeEach
  void setUp() throws IOException {
    Cli.copyFixture("mini", repo);
    Path catalog = repo.resolve("bootstrap/catalog.yaml");
    String text = Files.readString(catalog, StandardCharsets.UTF_8);
    text =
        text.replace(
            "components:\n  - id: cluster-credentials\n    credentials: {}\n",
            "components:\n"
                + "  - id: aks\n    terraform:\n      stack: infra/aks\n"
                + "      outputs: [resource_group_name, cluster_name]\n"
                + "  - id: cluster-credentials\n    credentials:\n      inputs:\n"
                + "        resource_group_name: aks.resource_group_name\n"
                + "        cluster_name: aks.cluster_name\n"
                + "    dependsOn: {aks: the cluster must exist}\n");
    Files.writeString(catalog, text, StandardCharsets.UTF_8);
    Files.writeString(
        repo.resolve("bootstrap/environments/staging.yaml"),
        "name: staging\nkubeContext: aks-dso\nkubernetesVersion: \"1.32\"\n"
            + "azure:\n  subscriptionId: 11111111-2222-3333-4444-555555555555\n"
            + "  location: westeurope\n  namePrefix: dso\n  keyVaults: [kv-dso-stg-app]\n"
            + "  resourceProviders: [Microsoft.ContainerService]\n"
            + "  nodePools:\n    - {name: system, vmFamily: standardDSv5Family, vcpusPerNode: 4, maxCount: 3}\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        repo.resolve("bootstrap/environments/production.yaml"),
        Files.readString(repo.resolve("bootstrap/environments/staging.yaml"))
            .replace("name: staging", "name: production\nprotected: true"),
        StandardCharsets.UTF_8);
    Files.createDirectories(repo.resolve("infra/aks"));
    log = bin.resolve("terraform.log");
    Path terraform = bin.resolve("terraform");
    Files.writeString(
        terraform,
        "#!/bin/sh\necho \"$*\" >> "
            + log
            + "\n"
            + "case \"$1\" in\n"
            + "  version) echo 'Terraform v1.11.4' ;;\n"
            + "  plan) if [ -n \"$FAIL_PLAN\" ]; then\n"
            + "          echo 'Error: building account: token s3cr3t-client-secret rejected' >&2;"
            + " exit 1; fi\n"
            + "        if [ -f "
            + bin.resolve("applied")
            + " ]; then exit 0; else exit 2; fi ;;\n"
            + "  apply) touch "
            + bin.resolve("applied")
            + " ;;\n"
            + "  output) echo '{\"resource_group_name\":{\"value\":\"rg-dso\"},"
            + "\"cluster_name\":{\"value\":\"aks-dso\"}}' ;;\n"
            + "esac\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(terraform, PosixFilePermissions.fromString("rwx------"));
  }

  Cli.Run apply() {
    return run("", Map.of(), "apply", "--env", "staging");
  }

  /** The CLI with the fakes; {@code variables} reach the fake terraform. */
  Cli.Run run(String input, Map<String, String> variables, String... args) {
    return Cli.run(
        repo,
        input,
        (env, root) ->
            new Platform(
                new ProcessRunner(
                    bin + ":" + System.getenv("PATH"), variables, List.of("s3cr3t-client-secret")),
                azure.gateway(),
                KubeGateway.of(client, "aks-dso"),
                helm.gateway(),
                ExecTestSupport.crudApplier(),
                ExecTestSupport.charts()),
        args);
  }

  @Test
  void aFailedStepShowsTheLastLinesOfItsToolWithSecretsMasked() {
    Cli.Run text = run("", Map.of("FAIL_PLAN", "1"), "apply", "--env", "staging");
    assertThat(text.code()).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(text.out())
        .contains("aks failed: terraform plan failed in infra/aks (exit 1)")
        .contains("  | Error: building account: token **** rejected")
        .doesNotContain("s3cr3t-client-secret");

    Cli.Run json =
        run("", Map.of("FAIL_PLAN", "1"), "apply", "--env", "staging", "--output", "json");
    assertThat(json.code()).isEqualTo(ExitCodes.STEP_FAILED);
    JsonNode aks = Json.readTree(json.out()).path("steps").get(0);
    assertThat(aks.path("id").asText()).isEqualTo("aks");
    assertThat(aks.path("result").asText()).isEqualTo("FAILED");
    assertThat(aks.path("tail").get(0).asText())
        .isEqualTo("Error: building account: token **** rejected");
    assertThat(json.out()).doesNotContain("s3cr3t-client-secret");
  }

  @Test
  void aProtectedEnvironmentNeedsItsNameTypedOrYes() {
    Cli.Run wrong = run("staging\n", Map.of(), "apply", "--env", "production");
    assertThat(wrong.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(wrong.out()).contains("Type its name to apply");
    assertThat(wrong.err()).contains("confirmation did not match 'production'");
    assertThat(azure.credentialRequests()).isEmpty();

    Cli.Run typed = run("production\n", Map.of(), "apply", "--env", "production");
    assertThat(typed.code()).as(typed.out() + typed.err()).isZero();

    Cli.Run yes = run("", Map.of(), "apply", "--env", "production", "--yes");
    assertThat(yes.code()).isZero();
    assertThat(yes.out()).doesNotContain("Type its name");
  }

  @Test
  void yesIsRefusedForAnEnvironmentThatIsNotProtected() {
    Cli.Run run = run("", Map.of(), "apply", "--env", "staging", "--yes");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("staging is not protected, drop --yes");
    assertThat(azure.credentialRequests()).isEmpty();
  }

  @Test
  void terraformOutputsReachTheCredentialsAndTheSecondRunChangesNothing() throws IOException {
    Cli.Run first = apply();
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains("ok   subscription")
        .contains("ok   vCPU quota standardDSv5Family")
        .contains("aks: applied - saved plan applied in infra/aks")
        .contains("base: applied");
    assertThat(azure.credentialRequests()).containsExactly("rg-dso/aks-dso");
    assertThat(Files.readAllLines(log))
        .anyMatch(
            l ->
                l.matches(
                    "apply -input=false -no-color /\\S*/bootstrap-tfplan-\\w+/staging.tfplan"));
    String journal = Files.readString(repo.resolve(".bootstrap/staging.journal.json"));
    assertThat(journal).contains("rg-dso");
    for (String text : new String[] {first.out(), first.err(), journal}) {
      assertThat(text).doesNotContain("SUPER-SECRET-TOKEN");
    }

    Cli.Run second = apply();
    assertThat(second.code()).isZero();
    assertThat(second.out()).contains("aks: unchanged").contains("nothing to change");
  }
}
