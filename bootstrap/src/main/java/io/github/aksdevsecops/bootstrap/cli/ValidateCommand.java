package io.github.aksdevsecops.bootstrap.cli;

import io.github.aksdevsecops.bootstrap.assets.RepoValidator;
import io.github.aksdevsecops.bootstrap.assets.ValidationReport;
import io.github.aksdevsecops.bootstrap.assets.Workspace;
import io.github.aksdevsecops.bootstrap.report.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
    ValidationReport report = new RepoValidator(root, StackChecks.all()).validate();
    if (json()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("ok", report.ok());
      data.put("checked", report.checked());
      data.put(
          "problems",
          report.problems().stream()
              .map(
                  p ->
                      Map.of(
                          "file",
                          String.valueOf(rel(root, p.file())),
                          "line",
                          p.line(),
                          "message",
                          p.message()))
              .toList());
      out().println(Json.write(data));
    } else {
      report.checked().forEach((what, n) -> out().println("checked " + n + " " + what));
      report.problems().forEach(p -> err().println("error: " + p.render(root)));
      out()
          .println(
              report.ok()
                  ? "validate: OK"
                  : "validate: " + report.problems().size() + " problem(s)");
    }
    return report.ok() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }

  private static Path rel(Path root, Path file) {
    return file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
  }
}
