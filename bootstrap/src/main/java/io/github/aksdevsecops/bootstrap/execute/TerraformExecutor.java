package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * init, plan -detailed-exitcode into a saved plan, apply that saved plan (only when the plan has
 * changes), then read the outputs. Sensitive outputs are never kept. The saved plan holds every
 * value of the stack, secrets included: it lives in a private temporary directory, readable by the
 * owner only, and is deleted once applied (or when the step fails).
 */
public final class TerraformExecutor implements StepExecutor {
  static final Duration INIT = Duration.ofMinutes(10);
  static final Duration PLAN = Duration.ofMinutes(30);
  static final Duration APPLY = Duration.ofMinutes(90);

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Terraform tf = (ComponentSpec.Terraform) step.component().spec();
    Path dir = ctx.root().resolve(tf.stack());
    init(step, ctx, dir);
    boolean changes;
    try (PrivatePlanFile planFile = PrivatePlanFile.create(ctx.environment().name())) {
      ProcessRunner.Result plan = plan(step, ctx, dir, tf, "-out=" + planFile.path());
      planFile.restrict();
      changes = plan.exitCode() == 2;
      if (changes) {
        ProcessRunner.Result applied =
            run(
                step,
                ctx,
                dir,
                List.of(
                    "terraform", "apply", "-input=false", "-no-color", planFile.path().toString()),
                APPLY);
        if (applied.exitCode() != 0) {
          throw new StepFailedException(
              "terraform apply failed in " + tf.stack() + " (exit " + applied.exitCode() + ")",
              applied.tail());
        }
      }
    }
    Map<String, String> outputs = outputs(ctx, dir, tf);
    return changes
        ? new StepResult.Applied("saved plan applied in " + tf.stack(), outputs)
        : new StepResult.Unchanged("no changes in " + tf.stack(), outputs);
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Terraform tf = (ComponentSpec.Terraform) step.component().spec();
    Path dir = ctx.root().resolve(tf.stack());
    init(step, ctx, dir);
    int code = plan(step, ctx, dir, tf, "-lock=false").exitCode();
    Map<String, String> known = existingOutputs(ctx, dir, tf);
    return code == 2
        ? new StepResult.Applied("terraform plan shows changes in " + tf.stack(), known)
        : new StepResult.Unchanged("no changes in " + tf.stack(), known);
  }

  /** Outputs already in the state (a stack never applied has none). */
  private static Map<String, String> existingOutputs(
      ExecutionContext ctx, Path dir, ComponentSpec.Terraform tf) throws InterruptedException {
    try {
      return outputs(ctx, dir, tf);
    } catch (StepFailedException notYetApplied) {
      return Map.of();
    }
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Terraform tf = (ComponentSpec.Terraform) step.component().spec();
    Path dir = ctx.root().resolve(tf.stack());
    init(step, ctx, dir);
    List<String> argv =
        new ArrayList<>(
            List.of("terraform", "destroy", "-input=false", "-no-color", "-auto-approve"));
    argv.addAll(variables(step, ctx, tf));
    ProcessRunner.Result r = run(step, ctx, dir, argv, APPLY);
    if (r.exitCode() != 0) {
      throw new StepFailedException(
          "terraform destroy failed in " + tf.stack() + " (exit " + r.exitCode() + ")", r.tail());
    }
    return new StepResult.Applied("destroyed " + tf.stack());
  }

  /** terraform plan -detailed-exitcode: 0 no changes, 2 changes, anything else a failure. */
  private static ProcessRunner.Result plan(
      PlannedStep step, ExecutionContext ctx, Path dir, ComponentSpec.Terraform tf, String option)
      throws InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode", option));
    argv.addAll(variables(step, ctx, tf));
    ProcessRunner.Result r = run(step, ctx, dir, argv, PLAN);
    if (r.exitCode() != 0 && r.exitCode() != 2) {
      throw new StepFailedException(
          "terraform plan failed in " + tf.stack() + " (exit " + r.exitCode() + ")", r.tail());
    }
    return r;
  }

  private void init(PlannedStep step, ExecutionContext ctx, Path dir) throws InterruptedException {
    String env = ctx.environment().name();
    ProcessRunner.Result r =
        run(
            step,
            ctx,
            dir,
            List.of(
                "terraform",
                "init",
                "-input=false",
                "-no-color",
                "-backend-config=environments/" + env + ".backend.hcl"),
            INIT);
    if (r.exitCode() != 0) {
      throw new StepFailedException(
          "terraform init failed in " + dir.getFileName() + " (exit " + r.exitCode() + ")",
          r.tail());
    }
  }

  private static List<String> variables(
      PlannedStep step, ExecutionContext ctx, ComponentSpec.Terraform tf) {
    List<String> args = new ArrayList<>();
    args.add("-var-file=environments/" + ctx.environment().name() + ".tfvars");
    for (Map.Entry<String, OutputRef> v : new java.util.TreeMap<>(tf.variables()).entrySet()) {
      OutputRef ref = v.getValue();
      String value =
          ctx.output(ref.component(), ref.output())
              .orElseThrow(
                  () ->
                      new StepFailedException(
                          step.id() + " needs " + ref + " but that output is not available"));
      args.add("-var=" + v.getKey() + "=" + value);
    }
    return args;
  }

  private static ProcessRunner.Result run(
      PlannedStep step, ExecutionContext ctx, Path dir, List<String> argv, Duration timeout)
      throws InterruptedException {
    return ctx.platform()
        .processes()
        .run(
            ProcessRunner.Command.of(argv, dir, timeout)
                .streamingTo(line -> ctx.listener().output(step, line)));
  }

  private static Map<String, String> outputs(
      ExecutionContext ctx, Path dir, ComponentSpec.Terraform tf) throws InterruptedException {
    ProcessRunner.Result r =
        ctx.platform()
            .processes()
            .run(
                ProcessRunner.Command.of(
                        List.of("terraform", "output", "-json", "-no-color"), dir, INIT)
                    .capturing());
    if (r.exitCode() != 0) {
      throw new StepFailedException("terraform output failed in " + tf.stack(), r.tail());
    }
    JsonNode all = Json.readTree(r.output());
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : tf.outputs()) {
      JsonNode o = all.get(name);
      if (o == null) {
        throw new StepFailedException(tf.stack() + " did not produce output '" + name + "'");
      }
      if (o.path("sensitive").asBoolean(false)) {
        throw new StepFailedException(
            "output '"
                + name
                + "' of "
                + tf.stack()
                + " is sensitive: the catalog may not pass it");
      }
      JsonNode value = o.path("value");
      result.put(name, value.isTextual() ? value.asText() : value.toString());
    }
    return result;
  }
}
