package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads YAML files into {@link YamlNode}s; syntax errors become problems with file:line. */
public final class YamlFiles {
  /** Deeper than any Kubernetes object or catalog needs; far below what exhausts the stack. */
  static final int MAX_DEPTH = 64;

  static final int MAX_ALIASES = 50;
  static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  private YamlFiles() {}

  public static YamlNode readOne(Path file) {
    return one(file, readAll(file));
  }

  public static YamlNode parseOne(Path file, String text) {
    return one(file, parse(file, text));
  }

  private static YamlNode one(Path file, List<YamlNode> documents) {
    if (documents.size() != 1) {
      throw new InvalidInputException(
          new Problem(file, 0, "expected exactly one YAML document, found " + documents.size()));
    }
    return documents.get(0);
  }

  public static List<YamlNode> readAll(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(new Problem(file, 0, "file not found"));
    } catch (IOException e) {
      throw new InvalidInputException(new Problem(file, 0, "cannot read: " + e.getMessage()));
    }
    return parse(file, text);
  }

  public static List<YamlNode> parse(Path file, String text) {
    return parse(file, text, true);
  }

  /**
   * Rendered output (kubectl kustomize, helm template): a repeated key is read as the API server
   * reads it, the last one winning; the nesting pre-check is left to the tools that wrote it.
   */
  public static List<YamlNode> parseRendered(Path file, String text) {
    return parse(file, text, false);
  }

  private static List<YamlNode> parse(Path file, String text, boolean strict) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file.toString())
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CODE_POINTS)
            .build();
    List<YamlNode> result = new ArrayList<>();
    try {
      if (strict) {
        checkDepth(file, settings, text);
      }
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        if (node != null) {
          result.add(new YamlNode(file, node, "$", strict));
        }
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new InvalidInputException(
          new Problem(file, line, "YAML syntax: " + firstLine(e.getProblem())));
    } catch (YamlEngineException e) {
      throw new InvalidInputException(new Problem(file, 0, "YAML: " + firstLine(e.getMessage())));
    }
    return result;
  }

  /**
   * The composer builds nodes recursively: a document nested deeper than any asset needs would
   * exhaust the stack. The parser's events are read iteratively first and such a document is
   * refused with its line.
   */
  private static void checkDepth(Path file, LoadSettings settings, String text) {
    int depth = 0;
    for (Event event : new Parse(settings).parseString(text)) {
      Event.ID id = event.getEventId();
      if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
        if (++depth > MAX_DEPTH) {
          int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
          throw new InvalidInputException(
              new Problem(file, line, "YAML nested deeper than " + MAX_DEPTH + " levels"));
        }
      } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
        depth--;
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
