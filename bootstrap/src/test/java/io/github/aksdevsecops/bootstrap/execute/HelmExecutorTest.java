package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmExecutorTest {
  static final String CATALOG =
      "components:\n"
          + "  - id: falco\n    helm:\n      repository: falcosecurity\n"
          + "      url: https://falcosecurity.github.io/charts\n      chart: falco\n"
          + "      version: 4.21.2\n      release: falco\n      namespace: falco\n"
          + "      values: falco/values.yaml\n"
          + "      sha256: {rebuilt: "
          + "f".repeat(64)
          + "}\n"
          + "      fileValues:\n        - key: [customRules, rules.yaml]\n          file: falco/rules.yaml\n";

  @TempDir Path root;
  FakeHelm helm = new FakeHelm();
  PlannedStep step;
  Path archive;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(root.resolve("falco"));
    Files.writeString(root.resolve("falco/values.yaml"), "driver:\n  kind: modern_ebpf\n");
    Files.writeString(
        root.resolve("falco/rules.yaml"), "- rule: shell in container\n  priority: WARNING\n");
    Plan plan = Fixtures.plan(CATALOG, Fixtures.kind());
    step = plan.step("falco").orElseThrow();
    archive = root.resolve("mirror/falco-4.21.2.tgz");
  }

  ExecutionContext ctx(Journal journal) {
    Platform platform = new Platform(null, null, null, helm, null, chart -> archive);
    ExecutionContext ctx =
        new ExecutionContext(
            Fixtures.kind(), root, false, platform, journal, ProgressListener.SILENT);
    ctx.session(new ClusterSession(null, Optional.empty(), "kind-devsecops"));
    return ctx;
  }

  @Test
  void installsThePinnedChartWithItsValuesAndFileValues() throws Exception {
    StepResult r = new HelmExecutor().apply(step, ctx(Journal.inMemory(Fixtures.kind())));
    assertThat(r).isInstanceOf(StepResult.Applied.class);
    HelmGateway.Install install = helm.installs.get(0);
    assertThat(install.version()).isEqualTo("4.21.2");
    assertThat(install.chart()).isEqualTo("falco");
    assertThat(install.chartArchive()).isEqualTo(archive);
    assertThat(install.valuesFiles())
        .hasSize(2)
        .first()
        .isEqualTo(root.resolve("falco/values.yaml"));
    assertThat(Files.readString(install.valuesFiles().get(1)))
        .contains("\"customRules\"")
        .contains("\"rules.yaml\"")
        .contains("shell in container");
  }

  @Test
  void aSecondApplyWithTheSameValuesChangesNothing() throws Exception {
    Journal journal = Journal.inMemory(Fixtures.kind());
    StepResult first = new HelmExecutor().apply(step, ctx(journal));
    journal.record(step.id(), first);
    StepResult second = new HelmExecutor().apply(step, ctx(journal));
    assertThat(second).isInstanceOf(StepResult.Unchanged.class);
    assertThat(helm.installs).hasSize(1);
  }

  @Test
  void changedValuesUpgradeTheRelease() throws Exception {
    Journal journal = Journal.inMemory(Fixtures.kind());
    journal.record(step.id(), new HelmExecutor().apply(step, ctx(journal)));
    Files.writeString(root.resolve("falco/rules.yaml"), "- rule: changed\n");
    StepResult r = new HelmExecutor().apply(step, ctx(journal));
    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(r.detail()).contains("revision 2");
  }

  @Test
  void anInstallThisToolLeftPendingWhenCutOffIsUninstalledAndInstalledAgain() throws Exception {
    Journal journal = Journal.inMemory(Fixtures.kind());
    journal.record(step.id(), new StepResult.Failed("the API server went away"));
    helm.releases.put(
        "falco/falco",
        new HelmGateway.Release("falco", "falco", "falco-4.21.2", "pending-install", "1"));

    StepResult r = new HelmExecutor().apply(step, ctx(journal));

    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(r.detail()).contains("left pending-install").contains("uninstalled");
    assertThat(helm.uninstalls).containsExactly("falco/falco");
    assertThat(helm.installs).hasSize(1);
    assertThat(helm.releases.get("falco/falco").status()).isEqualTo("deployed");
  }

  @Test
  void anUpgradeThisToolLeftPendingLosesOnlyThePendingRevision() throws Exception {
    Journal journal = Journal.inMemory(Fixtures.kind());
    journal.record(step.id(), new StepResult.Failed("the network dropped"));
    helm.releases.put(
        "falco/falco",
        new HelmGateway.Release("falco", "falco", "falco-4.21.2", "pending-upgrade", "3"));

    StepResult r = new HelmExecutor().apply(step, ctx(journal));

    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(helm.discarded).containsExactly("falco/falco@3");
    assertThat(helm.uninstalls).as("the deployed revisions stay").isEmpty();
    assertThat(r.detail()).contains("revision 3 of falco/falco was left pending-upgrade");
    assertThat(helm.releases.get("falco/falco").revision()).isEqualTo("3");
  }

  @Test
  void aPendingReleaseNoRunOfThisToolLeftIsLeftAloneAndTheStepFails() {
    Journal journal = Journal.inMemory(Fixtures.kind());
    helm.releases.put(
        "falco/falco",
        new HelmGateway.Release("falco", "falco", "falco-4.21.2", "pending-upgrade", "3"));

    assertThatThrownBy(() -> new HelmExecutor().apply(step, ctx(journal)))
        .hasMessageContaining("falco/falco is pending-upgrade at revision 3")
        .hasMessageContaining("another Helm operation may be running");
    assertThat(helm.discarded).isEmpty();
    assertThat(helm.uninstalls).isEmpty();
    assertThat(helm.installs).isEmpty();
  }

  @Test
  void aTerraformOutputReachesTheValuesHelmInstallsWith() throws Exception {
    String catalog =
        "components:\n  - id: terraform-monitoring\n    terraform:\n"
            + "      stack: infra/terraform/monitoring\n      outputs: [loki_account]\n"
            + CATALOG.substring("components:\n".length())
            + "    inputs:\n      LOKI_ACCOUNT: terraform-monitoring.loki_account\n"
            + "    dependsOn:\n      terraform-monitoring: its storage account\n";
    Files.writeString(root.resolve("falco/values.yaml"), "account: ${LOKI_ACCOUNT}\n");
    PlannedStep withInputs = Fixtures.plan(catalog, Fixtures.kind()).step("falco").orElseThrow();
    ExecutionContext ctx = ctx(Journal.inMemory(Fixtures.kind()));
    ctx.putOutputs("terraform-monitoring", java.util.Map.of("loki_account", "stlogs"));

    new HelmExecutor().apply(withInputs, ctx);

    assertThat(Files.readString(helm.installs.get(0).valuesFiles().get(0)))
        .isEqualTo("account: stlogs\n");
    assertThat(Files.readString(root.resolve("falco/values.yaml")))
        .as("the repository's file is left as written")
        .contains("${LOKI_ACCOUNT}");
  }

  @Test
  void helmReadsTheGeneratedFileValues(@TempDir Path charts) throws Exception {
    Helm.create().withName("probe").withDir(charts).call();
    Path chart = charts.resolve("probe");
    try (var templates = Files.walk(chart.resolve("templates"))) {
      for (Path t : templates.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(t);
      }
    }
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("templates/rules.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n"
            + "  rules.yaml: {{ index .Values.customRules \"rules.yaml\" | quote }}\n",
        StandardCharsets.UTF_8);
    List<Path> values =
        StepSources.helmValues(root, step.component(), Fixtures.kind(), Inputs.Resolver.NONE);
    var template = new Helm(chart).template().withName("probe");
    values.forEach(template::withValuesFile);
    String rendered = template.call();
    assertThat(rendered)
        .contains("rules.yaml: \"- rule: shell in container\\n  priority: WARNING\\n\"");
  }
}
