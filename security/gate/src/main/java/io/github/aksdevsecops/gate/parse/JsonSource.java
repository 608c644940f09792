package io.github.aksdevsecops.gate.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one JSON file into a tree; unreadable, empty, truncated or malformed files are problems,
 * and so is an object with the same key twice (a parser that kept either value would let the other
 * one decide unseen). Numbers keep their exact decimal form, so a score is checked as written, not
 * as the double it rounds to.
 */
final class JsonSource {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** How jackson-core (JsonReadContext) words a repeated key. */
  private static final String DUPLICATE = "Duplicate field ";

  private JsonSource() {}

  /** A file whose root must be a JSON object. */
  static JsonNode read(Path path, String name) throws InvalidInputException {
    JsonNode root = readTree(path, name);
    if (!root.isObject()) {
      throw new InvalidInputException(
          Problem.atPointer(name, "/", "expected a JSON object, found " + kind(root)));
    }
    return root;
  }

  /** A file whose root is a JSON object or array (Snyk writes an array for several projects). */
  static JsonNode readTree(Path path, String name) throws InvalidInputException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(path)) {
      root = MAPPER.readTree(in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.inFile(name, "cannot read: no such file"));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
      String message = firstLine(e.getOriginalMessage());
      if (message.startsWith(DUPLICATE)) {
        message = "duplicate key " + message.substring(DUPLICATE.length()) + " in one object";
      }
      throw new InvalidInputException(Problem.atLine(name, line, "not valid JSON: " + message));
    } catch (NumberFormatException e) {
      // jackson-core refuses a number BigDecimal cannot hold (an exponent beyond int) this way.
      throw new InvalidInputException(
          Problem.inFile(name, "not valid JSON: " + firstLine(e.getMessage())));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.inFile(name, "cannot read: " + e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException(Problem.inFile(name, "empty file, expected a JSON object"));
    }
    if (!root.isContainerNode()) {
      throw new InvalidInputException(
          Problem.atPointer(name, "/", "expected a JSON object, found " + kind(root)));
    }
    return root;
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
