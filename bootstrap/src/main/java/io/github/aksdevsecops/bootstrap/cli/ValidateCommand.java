package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.report.ValidationText;
import io.github.aksdevsecops.bootstrap.validate.RepoValidator;
import io.github.aksdevsecops.bootstrap.validate.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Offline: parses the catalog, every environment and the assets they name, plans each"
            + " environment and checks cross-references; then renders every environment and checks"
            + " the whole platform: admission by the platform's own policies, custom resources"
            + " against their CRDs' schemas, placeholders, pod requests within the capacity an"
            + " environment file declares. Exit 2 on any problem.")
final class ValidateCommand extends BaseCommand {
  @Mixin ChartOptions charts;

  @Override
  public Integer call() throws InterruptedException {
    Workspace workspace = factory.workspace(common);
    Path root = checkout(workspace, "validate needs a repository checkout (use --repo DIR)");
    Platform platform =
        Platform.offline(
            root,
            charts.mirror(factory.services().workingDirectory(), factory.services().environment()));
    ValidationReport report = RepoValidator.standard(root, Optional.of(platform)).validate();
    if (json()) {
      print(Json.write(ValidationText.json(report, root)) + "\n");
    } else {
      print(ValidationText.counts(report));
      ValidationText.problems(report, root).forEach(err()::println);
      err().flush();
      print(ValidationText.summary(report));
    }
    return report.ok() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }
}
