package io.github.aksdevsecops.gate.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import java.nio.file.Path;
import java.util.List;

/** Reads a scanner report, detects its format from the content and parses it. */
public final class ReportReader {
  private final List<ReportParser> parsers =
      List.of(new TrivyParser(), new GrypeParser(), new SarifParser(), new SnykParser());

  /**
   * @param name the file as the user named it, used in every problem
   * @throws InvalidInputException naming the file and the line or JSON pointer of each problem
   */
  public List<ReportedFinding> read(Path file, String name) throws InvalidInputException {
    JsonNode root = JsonSource.readTree(file, name);
    if (!root.isObject() && parsers.stream().noneMatch(p -> p.accepts(root))) {
      throw new InvalidInputException(
          Problem.atPointer(name, "/", "expected a JSON object, found " + JsonSource.kind(root)));
    }
    ReportParser parser =
        parsers.stream()
            .filter(p -> p.accepts(root))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        Problem.atPointer(
                            name,
                            "/",
                            "not a Trivy JSON (SchemaVersion, Results), Grype JSON (matches),"
                                + " SARIF (version, runs) or Snyk JSON (vulnerabilities) report")));
    JsonFields fields = new JsonFields(name);
    List<ReportedFinding> findings = parser.parse(root, fields);
    if (!fields.problems().isEmpty()) {
      throw new InvalidInputException(fields.problems());
    }
    return findings;
  }
}
