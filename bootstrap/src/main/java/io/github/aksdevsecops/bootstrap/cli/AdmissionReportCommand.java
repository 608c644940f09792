package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObjects;
import io.github.aksdevsecops.bootstrap.validate.admission.AdmissionReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "admission-report",
    hidden = true,
    mixinStandardHelpOptions = true,
    description =
        "Offline: the admission verdicts validate's evaluator gives the objects of rendered"
            + " environments (the *.yaml files `render` wrote into each DIR), as one JSON object"
            + " keyed by DIR as given: every object evaluated and every (object, policy, rule)"
            + " refused. For comparing with the real Kyverno CLI"
            + " (scripts/checks/admission-differential.sh); several DIRs share one JVM start.")
final class AdmissionReportCommand extends BaseCommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "An environment's render directory.")
  List<String> dirs;

  @Override
  public Integer call() {
    Map<String, Object> reports = new LinkedHashMap<>();
    for (String dir : dirs) {
      reports.put(dir, report(factory.services().workingDirectory().resolve(dir)));
    }
    print(Json.write(reports) + "\n");
    return ExitCodes.OK;
  }

  private static Map<String, Object> report(Path target) {
    if (!Files.isDirectory(target)) {
      throw new InvalidInputException(new Problem(target, 0, "not a directory"));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(target)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(new Problem(target, 0, "cannot list: " + e.getMessage()));
    }
    return AdmissionReport.of(RenderedObjects.ofFiles(files));
  }
}
