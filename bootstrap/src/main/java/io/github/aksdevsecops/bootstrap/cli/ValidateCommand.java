package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.report.ValidationText;
import io.github.aksdevsecops.bootstrap.validate.RepoValidator;
import io.github.aksdevsecops.bootstrap.validate.ValidationReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Offline: parses the catalog, every environment and the assets they name, plans each"
            + " environment and checks cross-references. Exit 2 on any problem.")
final class ValidateCommand extends BaseCommand {

  @Override
  public Integer call() {
    Workspace workspace = factory.workspace(common);
    Path root = checkout(workspace, "validate needs a repository checkout (use --repo DIR)");
    ValidationReport report = RepoValidator.standard(root).validate();
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
