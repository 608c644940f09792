package io.github.aksdevsecops.bootstrap.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads YAML files into {@link YamlNode}s; syntax errors become problems with file:line. */
public final class YamlFiles {
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
    LoadSettings settings =
        LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(true).build();
    List<YamlNode> result = new ArrayList<>();
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        if (node != null) {
          result.add(new YamlNode(file, node, "$"));
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

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
