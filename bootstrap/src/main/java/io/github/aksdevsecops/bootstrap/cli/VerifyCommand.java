package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.CancelOnShutdown;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.preflight.Preflight;
import io.github.aksdevsecops.bootstrap.report.PreflightTable;
import io.github.aksdevsecops.bootstrap.report.VerifyReport;
import io.github.aksdevsecops.bootstrap.report.VerifyText;
import io.github.aksdevsecops.bootstrap.verify.FactsReader;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeImage;
import io.github.aksdevsecops.bootstrap.verify.Sandbox;
import io.github.aksdevsecops.bootstrap.verify.Timing;
import io.github.aksdevsecops.bootstrap.verify.Verifier;
import io.github.aksdevsecops.bootstrap.verify.probes.Probes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    modelTransformer = VerifyCommand.ProbeList.class,
    description = {
      "Attacks the live cluster of an environment to prove its controls hold: admission,"
          + " Pod Security, network, mesh, runtime detection, ingress, observability, secrets"
          + " and GitOps. Same guard as apply (the kube context must be the environment's)."
          + " Probes work from Pods in a throwaway namespace verify-<random>, which is deleted"
          + " at the end, also on failure or Ctrl-C; with --sandbox-namespace, from Pods of"
          + " this run in that namespace (kubernetes/verify-access), which are deleted instead.",
      "Exit 0: every probe PASS or SKIPPED (the repository says the environment lacks what it"
          + " attacks); 1: a probe FAILED or cleanup failed; 2: invalid input; 3: cluster"
          + " unreachable or not the environment's."
    })
final class VerifyCommand extends BaseCommand {
  @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment name.")
  String env;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "ID",
      description = "Run only these probes (ids below, comma-separated).")
  List<String> only;

  @Option(
      names = "--probe-image",
      paramLabel = "IMAGE@DIGEST",
      description =
          "Image of the probe Pods (default: <the environment's allowed registry>/verify-probe@"
              + ProbeImage.DIGEST
              + ", a copy of "
              + ProbeImage.UPSTREAM
              + ").")
  String probeImage;

  @Option(
      names = "--sandbox-namespace",
      paramLabel = "NAMESPACE",
      description =
          "Run the probe Pods in this existing namespace, labelled "
              + Sandbox.SANDBOX_LABEL
              + "=true, instead of creating one: the rights kubernetes/verify-access grants"
              + " there are all a pipeline identity needs.")
  String sandboxNamespace;

  @Option(
      names = "--patience",
      paramLabel = "SECONDS",
      defaultValue = "60",
      converter = Seconds.class,
      description =
          "How long to wait for an effect elsewhere: a Falco alert, a trace, a log line,"
              + " Argo CD's verdict (default ${DEFAULT-VALUE}).")
  Duration patience;

  @Option(
      names = "--probe-timeout",
      paramLabel = "SECONDS",
      defaultValue = "240",
      converter = Seconds.class,
      description = "Each probe ends as FAIL after this long (default ${DEFAULT-VALUE}).")
  Duration probeTimeout;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Environment environment = workspace.environment(env);
    List<Probe> probes = selected();
    Path root = checkout(workspace, "verify reads the environment's manifests from a checkout");
    Platform platform = factory.platform(environment, root);
    List<Preflight.Check> checks = Preflight.kube(environment, platform);
    if (!json()) {
      print(PreflightTable.text(checks));
    }
    Preflight.requirePassing(checks);
    PlatformFacts facts =
        FactsReader.read(
            root,
            workspace.catalog(),
            environment,
            FactsReader.kustomize(platform.processes(), root));
    ProbeImage image = ProbeImage.of(facts, Optional.ofNullable(probeImage));
    Verifier verifier =
        Verifier.connect(
            platform,
            environment,
            facts,
            image,
            Timing.of(probeTimeout, patience),
            json() ? Verifier.Listener.SILENT : new VerifyText.Progress(out(), probes.size()),
            sandbox());
    Verifier.Run run;
    try (CancelOnShutdown cancel = CancelOnShutdown.register(verifier::cancel)) {
      run = verifier.run(probes);
    }
    VerifyReport report = VerifyReport.of(environment.name(), image.reference(), run);
    print(json() ? Json.write(report) + "\n" : VerifyText.of(report));
    return report.ok() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
  }

  private Optional<String> sandbox() {
    if (sandboxNamespace != null && !DNS_LABEL.matcher(sandboxNamespace).matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--sandbox-namespace: '" + sandboxNamespace + "' is not a namespace name");
    }
    return Optional.ofNullable(sandboxNamespace);
  }

  private static final java.util.regex.Pattern DNS_LABEL =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private List<Probe> selected() {
    if (only == null || only.isEmpty()) {
      return Probes.standard();
    }
    try {
      return Probes.only(Probes.standard(), only);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--only: " + e.getMessage() + " (see --help)");
    }
  }

  /** Lists every probe with the control it proves under --help, as a two-column table. */
  static final class ProbeList implements CommandLine.IModelTransformer {
    static final String SECTION = "probes";

    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      CommandLine.Model.UsageMessageSpec usage = spec.usageMessage();
      List<String> keys = new java.util.ArrayList<>(usage.sectionKeys());
      keys.add(
          keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
      usage.sectionKeys(keys);
      usage.sectionMap().put(SECTION, ProbeList::render);
      return spec;
    }

    static String render(CommandLine.Help help) {
      return VerifyText.probes(Probes.standard(), help.commandSpec().usageMessage().width());
    }
  }
}
