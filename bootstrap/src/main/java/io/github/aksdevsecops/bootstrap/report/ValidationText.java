package io.github.aksdevsecops.bootstrap.report;

import io.github.aksdevsecops.bootstrap.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** validate's report, as text and as the JSON document. */
public final class ValidationText {
  private ValidationText() {}

  /** One problem in the JSON output: the file relative to the checkout. */
  public record ProblemReport(String file, int line, String message) {}

  /** The JSON output. */
  public record Document(boolean ok, Map<String, Integer> checked, List<ProblemReport> problems) {
    public Document {
      checked = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(checked));
      problems = List.copyOf(problems);
    }
  }

  public static Document json(ValidationReport report, Path root) {
    return new Document(
        report.ok(),
        new java.util.TreeMap<>(report.checked()),
        report.problems().stream()
            .map(p -> new ProblemReport(relative(root, p.file()), p.line(), p.message()))
            .toList());
  }

  public static String counts(ValidationReport report) {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(report.checked())
        .forEach(
            (what, n) -> sb.append("checked ").append(n).append(' ').append(what).append('\n'));
    return sb.toString();
  }

  public static List<String> problems(ValidationReport report, Path root) {
    return report.problems().stream().map(p -> "error: " + p.render(root)).toList();
  }

  public static String summary(ValidationReport report) {
    return report.ok()
        ? "validate: OK\n"
        : "validate: " + report.problems().size() + " problem(s)\n";
  }

  private static String relative(Path root, Path file) {
    return String.valueOf(
        file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file);
  }
}
