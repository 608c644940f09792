package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObjects;
import io.github.aksdevsecops.bootstrap.validate.admission.AdmissionReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "admission-report",
    hidden = true,
    mixinStandardHelpOptions = true,
    description =
        "Offline: the admission verdicts validate's evaluator gives the objects of one rendered"
            + " environment (the *.yaml files `render` wrote into DIR), as JSON: every object"
            + " evaluated and every (object, policy, rule) refused. For comparing with the real"
            + " Kyverno CLI (scripts/checks/admission-differential.sh).")
final class AdmissionReportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "One environment's render directory.")
  Path dir;

  @Override
  public Integer call() {
    Path target = factory.services().workingDirectory().resolve(dir);
    if (!Files.isDirectory(target)) {
      throw new InvalidInputException(new Problem(target, 0, "not a directory"));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(target)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(new Problem(target, 0, "cannot list: " + e.getMessage()));
    }
    print(Json.write(AdmissionReport.of(RenderedObjects.ofFiles(files))) + "\n");
    return ExitCodes.OK;
  }
}
