package io.github.aksdevsecops.gate.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.ReportedFinding;
import java.util.List;

/** One scanner output format: recognised from content, parsed into the typed finding model. */
interface ReportParser {

  /** Whether {@code root} looks like this format (detection; no validation). */
  boolean accepts(JsonNode root);

  /** Every finding of the report; problems go to {@code fields}. */
  List<ReportedFinding> parse(JsonNode root, JsonFields fields);
}
