package io.github.aksdevsecops.gate.parse;

import io.github.aksdevsecops.gate.model.Score;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the highest of several v3 scores. Stated scores win: vectors are scored (and so checked)
 * only when no source states a score.
 */
final class BestScore {
  private record Vector(String text, String pointer, String source) {}

  private Score stated;
  private final List<Vector> vectors = new ArrayList<>();

  void stated(BigDecimal value, String source) {
    if (value != null) {
      stated = higher(stated, new Score(value, source));
    }
  }

  void vector(String text, String pointer, String source) {
    if (text != null && !text.isBlank()) {
      vectors.add(new Vector(text, pointer, source));
    }
  }

  /**
   * One assessment in one object: the score stated in {@code scoreField} and the vector in {@code
   * vectorField}, both attributed to {@code source}.
   */
  void assessment(
      JsonFields fields,
      com.fasterxml.jackson.databind.JsonNode node,
      String nodeAt,
      String scoreField,
      String vectorField,
      String source) {
    stated(fields.score(node, scoreField, nodeAt), source);
    vector(
        fields.optionalText(node, vectorField, nodeAt), JsonFields.at(nodeAt, vectorField), source);
  }

  /** The highest stated score, else the highest score computed from a vector, else null. */
  Score best(JsonFields fields) {
    if (stated != null) {
      return stated;
    }
    Score computed = null;
    for (Vector v : vectors) {
      BigDecimal value = fields.vectorScore(v.text(), v.pointer());
      if (value != null) {
        computed = higher(computed, new Score(value, v.source()));
      }
    }
    return computed;
  }

  private static Score higher(Score current, Score candidate) {
    return current == null || candidate.higherThan(current) ? candidate : current;
  }
}
