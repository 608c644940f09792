package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terraform through the process runner, against a fake terraform that records its arguments. */
class TerraformExecutorTest {
  static final String CATALOG =
      "components:\n"
          + "  - id: aks\n    terraform: {stack: infra/aks, outputs: [resource_group_name, cluster_id]}\n"
          + "  - id: security\n    terraform:\n      stack: infra/security\n"
          + "      variables: {resource_group_name: aks.resource_group_name, cluster_id: aks.cluster_id}\n"
          + "    dependsOn: {aks: needs the cluster}\n";

  @TempDir Path root;
  Path log;
  Path bin;

  @BeforeEach
  void fakeTerraform() throws Exception {
    log = root.resolve("terraform.log");
    bin = root.resolve("bin");
    Files.createDirectories(root.resolve("infra/aks"));
    Files.createDirectories(root.resolve("infra/security"));
    Fixtures.executable(
        bin,
        "terraform",
        "echo \"$(basename \"$PWD\") $*\" >> "
            + log
            + "\n"
            + "case \"$1\" in\n"
            + "  plan) for a; do case \"$a\" in -out=*) echo saved > \"${a#-out=}\" ;; esac; done\n"
            + "        echo planning; echo 'Error: quota exceeded' >&2; exit \"${FAKE_PLAN_EXIT:-2}\" ;;\n"
            + "  apply) echo \"saved plan mode $(stat -c %a \"$4\")\" >> "
            + log
            + " ;;\n"
            + "  output) cat \"${FAKE_OUTPUTS}\" ;;\n"
            + "  *) exit 0 ;;\n"
            + "esac");
  }

  /** A step of {@link #CATALOG} as the staging plan has it. */
  static PlannedStep step(String id) {
    return Fixtures.plan(CATALOG, Fixtures.staging()).step(id).orElseThrow();
  }

  ExecutionContext context(int planExit, String outputsJson) throws Exception {
    Path outputs = root.resolve("outputs.json");
    Files.writeString(outputs, outputsJson, StandardCharsets.UTF_8);
    ProcessRunner runner =
        new ProcessRunner(
            bin + ":/usr/bin:/bin",
            Map.of("FAKE_PLAN_EXIT", String.valueOf(planExit), "FAKE_OUTPUTS", outputs.toString()));
    Platform platform = new Platform(runner, null, null, null, null);
    return new ExecutionContext(
        Fixtures.staging(),
        root,
        false,
        platform,
        Journal.inMemory(Fixtures.staging()),
        ProgressListener.SILENT);
  }

  /** The recorded calls, the private saved-plan path shown as {@code <saved plan>}. */
  List<String> calls() throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .map(line -> line.replaceAll("/\\S*/bootstrap-tfplan-[^/ ]+/", "<saved plan>/"))
        .toList();
  }

  /** Saved plans left anywhere under the temporary directory. */
  static List<Path> savedPlans() throws Exception {
    try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("bootstrap-tfplan-")).toList();
    }
  }

  @Test
  void appliesTheSavedPlanAndPassesOutputsOnAsVariables() throws Exception {
    ExecutionContext ctx =
        context(
            2,
            "{\"resource_group_name\":{\"sensitive\":false,\"value\":\"rg-dso\"},"
                + "\"cluster_id\":{\"sensitive\":false,\"value\":\"/subs/x/aks\"},"
                + "\"admin_password\":{\"sensitive\":true,\"value\":\"hunter2\"}}");
    TerraformExecutor executor = new TerraformExecutor();
    PlannedStep aks = step("aks");
    StepResult first = executor.apply(aks, ctx);
    assertThat(first).isInstanceOf(StepResult.Applied.class);
    assertThat(first.recorded())
        .containsOnly(
            Map.entry("resource_group_name", "rg-dso"), Map.entry("cluster_id", "/subs/x/aks"));
    ctx.putOutputs("aks", first.recorded());
    executor.apply(step("security"), ctx);
    assertThat(calls())
        .containsExactly(
            "aks init -input=false -no-color -backend-config=environments/staging.backend.hcl",
            "aks plan -input=false -no-color -detailed-exitcode -out=<saved plan>/staging.tfplan"
                + " -var-file=environments/staging.tfvars",
            "aks apply -input=false -no-color <saved plan>/staging.tfplan",
            "saved plan mode 600",
            "aks output -json -no-color",
            "security init -input=false -no-color -backend-config=environments/staging.backend.hcl",
            "security plan -input=false -no-color -detailed-exitcode"
                + " -out=<saved plan>/staging.tfplan"
                + " -var-file=environments/staging.tfvars -var=cluster_id=/subs/x/aks"
                + " -var=resource_group_name=rg-dso",
            "security apply -input=false -no-color <saved plan>/staging.tfplan",
            "saved plan mode 600",
            "security output -json -no-color");
    assertThat(savedPlans()).as("saved plans are deleted once applied").isEmpty();
  }

  @Test
  void aPlanWithoutChangesIsNotApplied() throws Exception {
    ExecutionContext ctx =
        context(
            0, "{\"resource_group_name\":{\"value\":\"rg\"},\"cluster_id\":{\"value\":\"id\"}}");
    StepResult r = new TerraformExecutor().apply(step("aks"), ctx);
    assertThat(r).isInstanceOf(StepResult.Unchanged.class);
    assertThat(calls()).noneMatch(c -> c.startsWith("aks apply"));
  }

  @Test
  void aFailingPlanFailsTheStepWithoutApplying() throws Exception {
    ExecutionContext ctx = context(1, "{}");
    assertThatThrownBy(() -> new TerraformExecutor().apply(step("aks"), ctx))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("terraform plan failed in infra/aks (exit 1)")
        .satisfies(
            e ->
                assertThat(((StepFailedException) e).tail())
                    .containsExactly("planning", "Error: quota exceeded"));
    assertThat(calls()).noneMatch(c -> c.startsWith("aks apply"));
    assertThat(savedPlans()).as("a failed plan leaves no saved plan behind").isEmpty();
  }

  @Test
  void refusesToPassASensitiveOutput() throws Exception {
    ExecutionContext ctx =
        context(
            0,
            "{\"resource_group_name\":{\"value\":\"rg\"},"
                + "\"cluster_id\":{\"sensitive\":true,\"value\":\"secret-id\"}}");
    assertThatThrownBy(() -> new TerraformExecutor().apply(step("aks"), ctx))
        .hasMessageContaining("output 'cluster_id' of infra/aks is sensitive")
        .hasMessageNotContaining("secret-id");
  }

  @Test
  void previewPlansWithoutSavingOrApplyingAndToleratesAStackNeverApplied() throws Exception {
    ExecutionContext ctx = context(2, "{}");
    StepResult r = new TerraformExecutor().preview(step("aks"), ctx);
    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(r.recorded()).isEmpty();
    assertThat(calls())
        .containsExactly(
            "aks init -input=false -no-color -backend-config=environments/staging.backend.hcl",
            "aks plan -input=false -no-color -detailed-exitcode -lock=false"
                + " -var-file=environments/staging.tfvars",
            "aks output -json -no-color");
  }

  @Test
  void destroyPassesTheSameVariables() throws Exception {
    ExecutionContext ctx = context(0, "{}");
    ctx.putOutputs("aks", Map.of("resource_group_name", "rg", "cluster_id", "id"));
    StepResult r = new TerraformExecutor().destroy(step("security"), ctx);
    assertThat(r).isInstanceOf(StepResult.Applied.class);
    assertThat(calls())
        .contains(
            "security destroy -input=false -no-color -auto-approve"
                + " -var-file=environments/staging.tfvars -var=cluster_id=id -var=resource_group_name=rg");
  }
}
