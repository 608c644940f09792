package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.adapters.Digests;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.render.TestCharts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** validate over a small fixture checkout, then over broken copies of it: exit 2 with file:line. */
class ValidateCommandTest {
  @TempDir Path repo;

  @BeforeEach
  void copyFixture() throws IOException {
    Cli.copyFixture("mini", repo);
    Path chart = TestCharts.packageInto(repo.resolve("mirror"), "web", "1.2.3");
    replace("bootstrap/catalog.yaml", "0".repeat(64), Digests.sha256(chart));
  }

  /** validate with the fixture's chart from a mirror: the fixture's repository is not reachable. */
  Cli.Run validate(String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "validate";
    args[1] = "--chart-mirror";
    args[2] = repo.resolve("mirror").toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return Cli.run(repo, args);
  }

  void replace(String file, String from, String to) throws IOException {
    Path p = repo.resolve(file);
    String text = Files.readString(p, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void passesOnAConsistentCheckout() {
    Cli.Run run = validate();
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("checked 2 network policies").contains("validate: OK");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "selector matches nothing|kubernetes/net/policies.yaml|app.kubernetes.io/name: web|app: nothing"
            + "|kubernetes/net/policies.yaml:9: NetworkPolicy web/allow-web: podSelector {app=nothing}"
            + " matches no workload in namespace web",
        "namespace not in base|bootstrap/catalog.yaml|namespace: web|namespace: ghost"
            + "|bootstrap/catalog.yaml:9: component 'web': namespace 'ghost' is not created by"
            + " kubernetes/base",
        "unpinned chart|bootstrap/catalog.yaml|version: 1.2.3|version: ^1.2.3"
            + "|bootstrap/catalog.yaml:14: chart version '^1.2.3' is not pinned",
        "typo in a key|bootstrap/catalog.yaml|dependsOn:\\n      base|dependson:\\n      base"
            + "|bootstrap/catalog.yaml:23: unknown key 'dependson'",
        "YAML syntax|bootstrap/catalog.yaml|chart: web|chart: [web"
            + "|bootstrap/catalog.yaml:14: YAML syntax",
        "missing values file|bootstrap/catalog.yaml|kubernetes/web/values.yaml|kubernetes/web/v.yaml"
            + "|bootstrap/catalog.yaml:9: component 'web': kubernetes/web/v.yaml does not exist",
        "unknown dependency|bootstrap/catalog.yaml|base: installs|bsae: installs"
            + "|bootstrap/catalog.yaml:9: component 'web' depends on unknown component 'bsae'",
        "bad environment value|bootstrap/environments/kind.yaml|name: kind|name: Kind!"
            + "|bootstrap/environments/kind.yaml:1: environment name 'Kind!' must match",
        "missing kustomize resource|kubernetes/net/kustomization.yaml|policies.yaml|policy.yaml"
            + "|kubernetes/net/kustomization.yaml:3: resource 'policy.yaml' does not exist"
      })
  void reportsEachProblemWithFileAndLine(
      String scenario, String file, String from, String to, String expected) throws IOException {
    replace(file, from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    Cli.Run run = validate();
    assertThat(run.code()).as(scenario).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).as(scenario).contains("error: " + expected);
  }

  @Test
  void aNetworkPolicyMayProtectTheJobsOfACronJob() throws IOException {
    Files.writeString(
        repo.resolve("kubernetes/net/reaper.yaml"),
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: reaper\nspec:\n"
            + "  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n"
            + "        metadata:\n          labels: {app: reaper}\n        spec:\n"
            + "          restartPolicy: Never\n          containers: [{name: r, image: busybox}]\n"
            + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
            + "metadata:\n  name: reaper-egress\nspec:\n  podSelector:\n    matchLabels: {app: reaper}\n"
            + "  policyTypes: [Egress]\n");
    replace(
        "kubernetes/net/kustomization.yaml", "- policies.yaml", "- policies.yaml\n  - reaper.yaml");
    Cli.Run run = validate();
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("checked 3 network policies");
  }

  /**
   * Pods something outside the render starts (cert-manager's HTTP-01 solvers) are declared as
   * {@code unrendered} in flows.yaml: a policy selecting them protects pods that will run, even
   * where the declaration names an environment the checkout does not hold (the policy is shared by
   * all), and the same policy without that declaration still selects nothing.
   */
  @Test
  void aNetworkPolicyMayProtectPodsFlowsYamlDeclaresOutsideTheRender() throws IOException {
    Files.writeString(
        repo.resolve("kubernetes/net/solver.yaml"),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
            + "metadata:\n  name: allow-solver\nspec:\n  podSelector:\n"
            + "    matchLabels: {acme.cert-manager.io/http01-solver: \"true\"}\n"
            + "  policyTypes: [Ingress]\n");
    replace(
        "kubernetes/net/kustomization.yaml", "- policies.yaml", "- policies.yaml\n  - solver.yaml");
    Cli.Run undeclared = validate();
    assertThat(undeclared.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(undeclared.err())
        .contains(
            "error: kubernetes/net/solver.yaml:1: NetworkPolicy web/allow-solver: podSelector"
                + " {acme.cert-manager.io/http01-solver=true} matches no workload in namespace web");

    Files.writeString(
        repo.resolve("kubernetes/security/network-policies/flows.yaml"),
        "unrendered:\n  - namespace: web\n"
            + "    labels: {acme.cert-manager.io/http01-solver: \"true\"}\n"
            + "    ports: [{name: http, port: 8089}]\n"
            + "    environments: [production]\n"
            + "    why: the solver pods cert-manager starts while an ACME order is checked\n"
            + "flows: []\n");
    Cli.Run declared = validate();
    assertThat(declared.err()).isEmpty();
    assertThat(declared.code()).isZero();
    assertThat(declared.out()).contains("checked 3 network policies");
  }

  @Test
  void aValuesFileNoChartUsesIsReported() throws IOException {
    Files.writeString(repo.resolve("kubernetes/web/extra-values.yaml"), "a: 1\n");
    Cli.Run run = validate("--output", "json");
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode report = Json.readTree(run.out());
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("problems").get(0).path("file").asText())
        .isEqualTo("kubernetes/web/extra-values.yaml");
    assertThat(report.path("problems").get(0).path("message").asText())
        .contains("not used by any pinned chart");
  }
}
