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
          + " at the end, also on failure or Ctrl-C.",
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
    if (!json() || checks.stream().anyMatch(c -> !c.ok())) {
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
            timing(),
            json() ? Verifier.Listener.SILENT : new VerifyText.Progress(out(), probes.size()));
    Verifier.Run run;
    try (CancelOnShutdown cancel = CancelOnShutdown.register(verifier::cancel)) {
      run = verifier.run(probes);
    }
    VerifyReport report = VerifyReport.of(environment.name(), image.reference(), run);
    print(json() ? Json.write(report) + "\n" : VerifyText.of(report));
    return report.ok() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
  }

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

  /** Polls at a twelfth of the patience, between 0.1 and 5 s; Pods get 3/4 of a probe's time. */
  private Timing timing() {
    Duration poll = patience.dividedBy(12);
    poll = poll.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : poll;
    poll = poll.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : poll;
    return new Timing(probeTimeout, patience, poll, probeTimeout.multipliedBy(3).dividedBy(4));
  }

  /** Lists every probe with the control it proves under --help. */
  static final class ProbeList implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      List<Probe> probes = Probes.standard();
      int width = probes.stream().mapToInt(p -> p.id().length()).max().orElse(0);
      String[] lines =
          probes.stream()
              .map(
                  p ->
                      String.format("  %-" + width + "s  %s", p.id(), p.control())
                          .replace("%", "%%"))
              .toArray(String[]::new);
      spec.usageMessage().footerHeading("%nProbes (id, the control it proves):%n").footer(lines);
      return spec;
    }
  }
}
