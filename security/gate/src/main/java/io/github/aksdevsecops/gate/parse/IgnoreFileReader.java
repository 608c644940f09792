package io.github.aksdevsecops.gate.parse;

import io.github.aksdevsecops.gate.model.IgnoreEntry;
import io.github.aksdevsecops.gate.model.InvalidInputException;
import io.github.aksdevsecops.gate.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The ignore file: a YAML mapping with one key, {@code ignores:}, a list of entries with {@code id}
 * (required), {@code package} (optional: without it every package with that id), {@code
 * justification}, {@code owner} and {@code expires} (required; a date, meaning 00:00 UTC of that
 * day, or an RFC 3339 date-time). Any problem makes the whole file invalid; every problem names its
 * line.
 */
public final class IgnoreFileReader {
  private static final Set<String> KEYS =
      Set.of("id", "package", "justification", "owner", "expires");
  private static final List<String> REQUIRED = List.of("id", "justification", "owner", "expires");

  public List<IgnoreEntry> read(Path file, String name) throws InvalidInputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.inFile(name, "cannot read: no such file"));
    } catch (IOException e) {
      throw new InvalidInputException(Problem.inFile(name, "cannot read: " + e.getMessage()));
    }
    return parse(text, name);
  }

  public List<IgnoreEntry> parse(String text, String name) throws InvalidInputException {
    Optional<Node> document;
    try {
      document = new Compose(LoadSettings.builder().setLabel(name).build()).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new InvalidInputException(
          Problem.atLine(name, line, "YAML syntax: " + firstLine(e.getProblem())));
    } catch (YamlEngineException e) {
      throw new InvalidInputException(
          Problem.inFile(name, "YAML syntax: " + firstLine(e.getMessage())));
    }
    if (document.isEmpty()) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    if (!(document.get() instanceof MappingNode root)) {
      throw new InvalidInputException(
          Problem.atLine(name, line(document.get()), "expected a mapping with the key ignores:"));
    }
    duplicateKeys(root, name, problems);
    Node ignores = null;
    for (NodeTuple tuple : root.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if ("ignores".equals(key)) {
        ignores = tuple.getValueNode();
      } else {
        problems.add(
            Problem.atLine(
                name, line(tuple.getKeyNode()), "unknown key " + key + " (expected ignores)"));
      }
    }
    List<IgnoreEntry> entries = new ArrayList<>();
    if (ignores == null) {
      problems.add(Problem.atLine(name, line(root), "missing the top-level key ignores:"));
    } else if (ignores instanceof SequenceNode list) {
      Map<String, Integer> seen = new HashMap<>();
      for (Node item : list.getValue()) {
        IgnoreEntry entry = entry(item, name, problems);
        if (entry != null) {
          Integer first = seen.putIfAbsent(entry.label(), entry.line());
          if (first != null) {
            problems.add(
                Problem.atLine(
                    name, entry.line(), entry.label() + " is already ignored at line " + first));
          }
          entries.add(entry);
        }
      }
    } else if (!(ignores instanceof ScalarNode empty && empty.getValue().isEmpty())) {
      problems.add(Problem.atLine(name, line(ignores), "ignores must be a list of entries"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return entries;
  }

  private static IgnoreEntry entry(Node item, String name, List<Problem> problems) {
    int line = line(item);
    if (!(item instanceof MappingNode mapping)) {
      problems.add(Problem.atLine(name, line, "an entry must be a mapping (id, justification...)"));
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean ok = duplicateKeys(mapping, name, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      String value = scalar(tuple.getValueNode());
      int at = line(tuple.getKeyNode());
      if (key == null || !KEYS.contains(key)) {
        problems.add(Problem.atLine(name, at, "unknown key " + key + " (expected " + KEYS + ")"));
        ok = false;
      } else if (value == null || value.isBlank()) {
        problems.add(Problem.atLine(name, at, key + " must be a non-empty text"));
        ok = false;
      } else {
        values.put(key, value.trim());
      }
    }
    String id = values.getOrDefault("id", "(no id)");
    for (String required : REQUIRED) {
      if (!values.containsKey(required) && ok) {
        problems.add(Problem.atLine(name, line, "entry " + id + " is missing " + required));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    String expires = values.get("expires");
    Instant instant = expiry(expires);
    if (instant == null) {
      problems.add(
          Problem.atLine(
              name,
              line,
              "entry " + id + ": expires \"" + expires + "\" is not a date or RFC 3339 date-time"));
      return null;
    }
    return new IgnoreEntry(
        id,
        values.get("package"),
        values.get("justification"),
        values.get("owner"),
        instant,
        expires,
        name,
        line);
  }

  /**
   * A key written twice in one mapping is a problem: YAML loaders keep the last value, so a second
   * {@code expires:} further down would silently replace the one a reviewer read.
   *
   * @return true when every key is unique
   */
  private static boolean duplicateKeys(MappingNode mapping, String name, List<Problem> problems) {
    Map<String, Integer> lines = new HashMap<>();
    boolean unique = true;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode());
      if (key == null) {
        continue;
      }
      Integer first = lines.putIfAbsent(key, line(tuple.getKeyNode()));
      if (first != null) {
        problems.add(
            Problem.atLine(
                name,
                line(tuple.getKeyNode()),
                "duplicate key " + key + " (first at line " + first + ")"));
        unique = false;
      }
    }
    return unique;
  }

  /** A date means the first instant of that day in UTC; otherwise an RFC 3339 date-time. */
  static Instant expiry(String text) {
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notAnInstant) {
        return null;
      }
    }
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
