package io.github.aksdevsecops.gate.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksdevsecops.gate.model.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Typed access to one report's JSON tree. Every missing or mistyped field becomes a problem naming
 * the file and the JSON pointer; parsing goes on so one run reports every problem.
 */
final class JsonFields {
  private static final int MAX_FRACTION_DIGITS = 16;
  private static final Pattern PLAIN_DECIMAL =
      Pattern.compile("-?\\d{1,2}(\\.\\d{1," + MAX_FRACTION_DIGITS + "})?");
  private static final String PLAIN =
      "a plain decimal number (at most 2 integer and " + MAX_FRACTION_DIGITS + " fraction digits)";

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  JsonFields(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  List<Problem> problems() {
    return problems;
  }

  void problem(String pointer, String message) {
    problems.add(Problem.atPointer(file, pointer, message));
  }

  /** RFC 6901 pointer of {@code field} under {@code parent}. */
  static String at(String parent, String field) {
    return parent + "/" + field.replace("~", "~0").replace("/", "~1");
  }

  static String at(String parent, int index) {
    return parent + "/" + index;
  }

  /** A non-blank string, or null after recording a problem. */
  String requiredText(JsonNode object, String field, String parent) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      problem(at(parent, field), "missing " + field);
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem(at(parent, field), field + " must be a non-empty string");
      return null;
    }
    return value.asText();
  }

  /** A string value, or "" when absent; a non-string value is a problem. */
  String optionalText(JsonNode object, String field, String parent) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      problem(at(parent, field), field + " must be a string, found " + JsonSource.kind(value));
      return "";
    }
    return value.asText();
  }

  /** The elements of an array field; absent or null is empty, anything else is a problem. */
  List<JsonNode> array(JsonNode object, String field, String parent) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      problem(at(parent, field), field + " must be an array, found " + JsonSource.kind(value));
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  /** An object field, or null when absent (and a problem when required). */
  JsonNode object(JsonNode object, String field, String parent, boolean required) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problem(at(parent, field), "missing " + field);
      }
      return null;
    }
    if (!value.isObject()) {
      problem(at(parent, field), field + " must be an object, found " + JsonSource.kind(value));
      return null;
    }
    return value;
  }

  /**
   * Applies {@code parse} to each object element of an array field with the element's pointer,
   * keeping the non-null results; a non-object element is a problem.
   */
  <T> List<T> eachObject(
      JsonNode object, String field, String parent, BiFunction<JsonNode, String, T> parse) {
    List<T> results = new ArrayList<>();
    List<JsonNode> items = array(object, field, parent);
    for (int i = 0; i < items.size(); i++) {
      String pointer = at(at(parent, field), i);
      if (isObject(items.get(i), pointer)) {
        T result = parse.apply(items.get(i), pointer);
        if (result != null) {
          results.add(result);
        }
      }
    }
    return results;
  }

  /** True when the array element is an object; otherwise records a problem. */
  boolean isObject(JsonNode element, String pointer) {
    if (element.isObject()) {
      return true;
    }
    problem(pointer, "expected an object, found " + JsonSource.kind(element));
    return false;
  }

  /**
   * A score between 0.0 and 10.0 from a number or a numeric string, or null when absent. Only plain
   * decimals are scores: an exponent or a long fraction (such as {@code 1E-999999999}, which a
   * plain rendering would spell out digit by digit) and non-finite words are refused.
   */
  BigDecimal score(JsonNode object, String field, String parent) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    BigDecimal score;
    if (value.isNumber()) {
      score = value.decimalValue();
      if (!plain(score)) {
        problem(at(parent, field), field + " " + value.asText() + " is not " + PLAIN);
        return null;
      }
    } else if (value.isTextual()) {
      String text = value.asText().trim();
      if (!PLAIN_DECIMAL.matcher(text).matches()) {
        problem(at(parent, field), field + " \"" + shorten(text) + "\" is not " + PLAIN);
        return null;
      }
      score = new BigDecimal(text);
    } else {
      problem(at(parent, field), field + " must be a number, found " + JsonSource.kind(value));
      return null;
    }
    if (score.signum() < 0 || score.compareTo(BigDecimal.TEN) > 0) {
      problem(at(parent, field), field + " " + value.asText().trim() + " is outside 0.0-10.0");
      return null;
    }
    return score;
  }

  /** At most two integer digits and a bounded fraction, whatever exponent the text used. */
  private static boolean plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    int scale = stripped.scale();
    return scale <= MAX_FRACTION_DIGITS && stripped.precision() - scale <= 2;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** The base score of a CVSS 3.x vector, or null (with a problem) when it is malformed. */
  BigDecimal vectorScore(String vector, String pointer) {
    try {
      return CvssV3Vectors.baseScore(vector);
    } catch (IllegalArgumentException e) {
      problem(pointer, e.getMessage());
      return null;
    }
  }

  /** A URL field followed by a list of URLs, without blanks or repeats. */
  List<String> references(JsonNode object, String first, String list, String parent) {
    java.util.Set<String> refs = new java.util.LinkedHashSet<>();
    String head = optionalText(object, first, parent);
    if (!head.isBlank()) {
      refs.add(head);
    }
    refs.addAll(texts(object, list, parent));
    return List.copyOf(refs);
  }

  /** Text values of a string array, in order, without blanks. */
  List<String> texts(JsonNode object, String field, String parent) {
    List<String> result = new ArrayList<>();
    for (JsonNode item : array(object, field, parent)) {
      if (item.isTextual() && !item.asText().isBlank()) {
        result.add(item.asText());
      }
    }
    return result;
  }
}
