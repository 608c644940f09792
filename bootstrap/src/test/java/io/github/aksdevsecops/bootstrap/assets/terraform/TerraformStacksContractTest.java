package io.github.aksdevsecops.bootstrap.assets.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bootstrap runs infra/terraform/{aks,security,monitoring} in that order, reads the aks outputs
 * and passes them to the other stacks as -var. This test holds the stacks to that interface and
 * each environment's variable file to the variables its stack declares.
 */
class TerraformStacksContractTest {

  static final List<String> ENVIRONMENTS = List.of("staging", "production");

  static final List<String> COMMON_VARIABLES =
      List.of("environment", "location", "name_prefix", "tags");

  static final List<String> AKS_OUTPUTS =
      List.of(
          "resource_group_name",
          "location",
          "cluster_name",
          "cluster_id",
          "oidc_issuer_url",
          "kubelet_identity_object_id",
          "acr_login_server",
          "acr_id",
          "log_analytics_workspace_id",
          "node_resource_group");

  /** Variables each stack receives from the aks outputs (passed by the bootstrap as -var). */
  static final Map<String, List<String>> FROM_AKS =
      Map.of(
          "aks", List.of(),
          "security",
              List.of(
                  "resource_group_name",
                  "cluster_id",
                  "oidc_issuer_url",
                  "log_analytics_workspace_id"),
          "monitoring",
              List.of(
                  "resource_group_name",
                  "cluster_id",
                  "oidc_issuer_url",
                  "log_analytics_workspace_id"));

  static final Map<String, List<String>> OUTPUTS =
      Map.of(
          "aks", AKS_OUTPUTS,
          "security",
              List.of(
                  "key_vault_name",
                  "key_vault_uri",
                  "tenant_id",
                  "grafana_identity_client_id",
                  "alertmanager_identity_client_id",
                  "fluent_bit_identity_client_id"),
          "monitoring",
              List.of(
                  "grafana_endpoint",
                  "monitor_workspace_id",
                  "data_collection_rule_id",
                  "telemetry_storage_account_name",
                  "loki_identity_client_id",
                  "tempo_identity_client_id",
                  "thanos_identity_client_id"));

  @TempDir Path tmp;

  static Path stackDir(String stack) {
    return Path.of(System.getProperty("repo.root", ".."))
        .toAbsolutePath()
        .normalize()
        .resolve("infra/terraform")
        .resolve(stack);
  }

  /** Every way a stack can break the contract, one readable line each (empty = compliant). */
  static List<String> violations(String stack, Path dir) {
    TerraformStack tf = TerraformStackReader.readStack(dir);
    Set<String> variables = names(tf.variables());
    Set<String> outputs = names(tf.outputs());
    List<String> problems = new ArrayList<>();
    List<String> expectedVariables = new ArrayList<>(COMMON_VARIABLES);
    expectedVariables.addAll(FROM_AKS.get(stack));
    for (String name : expectedVariables) {
      if (!variables.contains(name)) {
        problems.add(stack + ": variable '" + name + "' is missing in " + dir);
      }
    }
    for (String name : OUTPUTS.get(stack)) {
      if (!outputs.contains(name)) {
        problems.add(stack + ": output '" + name + "' is missing in " + dir);
      }
    }
    for (String env : ENVIRONMENTS) {
      Path backend = dir.resolve("environments").resolve(env + ".backend.hcl");
      if (!Files.isRegularFile(backend)) {
        problems.add(stack + ": backend configuration " + backend + " is missing");
      }
      Path tfvars = dir.resolve("environments").resolve(env + ".tfvars");
      if (!Files.isRegularFile(tfvars)) {
        problems.add(stack + ": variable file " + tfvars + " is missing");
        continue;
      }
      List<TfSymbol> assignments = TerraformStackReader.readTfvars(tfvars);
      Set<String> assigned = names(assignments);
      for (String required : TerraformStackReader.requiredVariables(dir)) {
        if (!assigned.contains(required) && !FROM_AKS.get(stack).contains(required)) {
          problems.add(tfvars + ": does not set required variable '" + required + "'");
        }
      }
      for (TfSymbol set : assignments) {
        if (!variables.contains(set.name())) {
          problems.add(set.location() + ": sets unknown variable '" + set.name() + "'");
        } else if (FROM_AKS.get(stack).contains(set.name())) {
          problems.add(
              set.location() + ": sets '" + set.name() + "', which comes from the aks outputs");
        }
      }
    }
    return problems;
  }

  private static Set<String> names(List<TfSymbol> symbols) {
    return symbols.stream().map(TfSymbol::name).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aks", "security", "monitoring"})
  void stackHonoursTheContract(String stack) {
    assertThat(violations(stack, stackDir(stack))).isEmpty();
  }

  @Test
  void everyValuePassedFromAksIsAnAksOutput() {
    Set<String> aksOutputs = names(TerraformStackReader.readStack(stackDir("aks")).outputs());
    FROM_AKS.values().forEach(passed -> assertThat(aksOutputs).containsAll(passed));
  }

  @Test
  void renamedOutputIsReported() throws Exception {
    Path dir = copyOfStack("security");
    edit(dir.resolve("outputs.tf"), tf -> tf.replace("\"key_vault_uri\"", "\"vault_uri\""));

    assertThat(violations("security", dir))
        .containsExactly("security: output 'key_vault_uri' is missing in " + dir);
  }

  @Test
  void missingVariableIsReported() throws Exception {
    Path dir = copyOfStack("monitoring");
    // cluster_id is declared in the shared aks_inputs.tf, which the stack links.
    edit(
        dir.resolve("aks_inputs.tf"),
        tf -> tf.replace("variable \"cluster_id\"", "variable \"aks_id\""));

    // The renamed variable is also required and set by no environment file.
    assertThat(violations("monitoring", dir))
        .containsExactlyInAnyOrder(
            "monitoring: variable 'cluster_id' is missing in " + dir,
            dir.resolve("environments/staging.tfvars")
                + ": does not set required variable 'aks_id'",
            dir.resolve("environments/production.tfvars")
                + ": does not set required variable 'aks_id'");
  }

  @Test
  void unknownVariableInAnEnvironmentFileIsReportedWithItsLine() throws Exception {
    Path dir = copyOfStack("aks");
    Path tfvars = dir.resolve("environments/production.tfvars");
    List<String> lines = new ArrayList<>(Files.readAllLines(tfvars));
    lines.add("node_count = 3");
    Files.write(tfvars, lines);

    assertThat(violations("aks", dir))
        .containsExactly(tfvars + ":" + lines.size() + ": sets unknown variable 'node_count'");
  }

  @Test
  void requiredVariableMissingFromAnEnvironmentFileIsReported() throws Exception {
    Path dir = copyOfStack("aks");
    Path tfvars = dir.resolve("environments/staging.tfvars");
    edit(tfvars, tf -> tf.replaceFirst("(?m)^kubernetes_version\\s*=.*$", ""));

    assertThat(violations("aks", dir))
        .containsExactly(tfvars + ": does not set required variable 'kubernetes_version'");
  }

  @Test
  void environmentFileMustNotOverrideValuesFromAks() throws Exception {
    Path dir = copyOfStack("security");
    Path tfvars = dir.resolve("environments/staging.tfvars");
    Files.writeString(tfvars, Files.readString(tfvars) + "cluster_id = \"x\"\n");

    assertThat(violations("security", dir))
        .singleElement()
        .asString()
        .endsWith(": sets 'cluster_id', which comes from the aks outputs");
  }

  @Test
  void missingEnvironmentFilesAreReported() throws Exception {
    Path dir = copyOfStack("monitoring");
    Files.delete(dir.resolve("environments/production.tfvars"));
    Files.delete(dir.resolve("environments/production.backend.hcl"));

    assertThat(violations("monitoring", dir))
        .containsExactlyInAnyOrder(
            "monitoring: backend configuration "
                + dir.resolve("environments/production.backend.hcl")
                + " is missing",
            "monitoring: variable file "
                + dir.resolve("environments/production.tfvars")
                + " is missing");
  }

  private Path copyOfStack(String stack) throws Exception {
    Path source = stackDir(stack);
    Path target = tmp.resolve(stack);
    Files.createDirectories(target.resolve("environments"));
    try (var files = Files.list(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    try (var files = Files.list(source.resolve("environments"))) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve("environments").resolve(file.getFileName()));
      }
    }
    return target;
  }

  /** Rewrites one file of a copied stack. */
  static void edit(Path file, UnaryOperator<String> change) throws IOException {
    Files.writeString(file, change.apply(Files.readString(file)));
  }
}
