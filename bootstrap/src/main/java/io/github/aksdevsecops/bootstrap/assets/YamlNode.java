package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A composed YAML node that knows its file and line. The only place where YAML is accessed
 * generically: readers turn it into typed records and every error they raise names file:line.
 */
public final class YamlNode {
  private final Path file;
  private final Node node;
  private final String path;
  private final boolean strict;

  YamlNode(Path file, Node node, String path) {
    this(file, node, path, true);
  }

  /**
   * {@code strict}: a duplicate key is an error (repository files); otherwise the last one wins, as
   * the API server reads a manifest (rendered charts sometimes repeat a label).
   */
  YamlNode(Path file, Node node, String path, boolean strict) {
    this.file = file;
    this.node = node;
    this.path = path;
    this.strict = strict;
  }

  public Path file() {
    return file;
  }

  /** 1-based line of the node's start. */
  public int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  public String path() {
    return path;
  }

  public InvalidInputException error(String message) {
    return new InvalidInputException(new Problem(file, line(), message));
  }

  public Problem problem(String message) {
    return new Problem(file, line(), message);
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** Entries of a mapping, in file order; duplicate keys are an error. */
  public Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode mapping)) {
      throw error(path + " must be a mapping");
    }
    Map<String, YamlNode> result = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      YamlNode key = new YamlNode(file, tuple.getKeyNode(), path);
      String name = key.text();
      if (strict && result.containsKey(name)) {
        throw key.error("duplicate key '" + name + "' in " + path);
      }
      result.put(name, new YamlNode(file, tuple.getValueNode(), path + "." + name, strict));
    }
    return result;
  }

  /** The keys of a mapping with the line each is written on. */
  public Map<String, Integer> keyLines() {
    Map<String, Integer> result = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      YamlNode key = new YamlNode(file, tuple.getKeyNode(), path);
      result.putIfAbsent(key.text(), key.line());
    }
    return result;
  }

  public Optional<YamlNode> optional(String key) {
    YamlNode value = entries().get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  public YamlNode required(String key) {
    return optional(key).orElseThrow(() -> error("missing required key '" + key + "' in " + path));
  }

  public String requiredText(String key) {
    return required(key).text();
  }

  public Optional<String> optionalText(String key) {
    return optional(key).map(YamlNode::text);
  }

  /** Rejects keys this reader does not know: a typo must not be silently ignored. */
  public YamlNode onlyKeys(Collection<String> allowed) {
    entries(); // rejects non-mappings and duplicate keys first
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      YamlNode key = new YamlNode(file, tuple.getKeyNode(), path);
      if (!allowed.contains(key.text())) {
        throw key.error(
            "unknown key '" + key.text() + "' in " + path + " (allowed: " + allowed + ")");
      }
    }
    return this;
  }

  public boolean isNull() {
    return node instanceof ScalarNode scalar
        && scalar.getTag().getValue().endsWith(":null")
        && (scalar.getValue().isEmpty()
            || "null".equals(scalar.getValue())
            || "~".equals(scalar.getValue()));
  }

  public String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(path + " must be a scalar value");
    }
    return scalar.getValue();
  }

  /**
   * A path relative to the repository root that stays inside it: not absolute, no {@code ..}
   * segment, no backslash. Values files and manifest folders are read from the checkout only.
   */
  public String relativePath() {
    String value = text();
    boolean escapes =
        value.isBlank()
            || value.startsWith("/")
            || value.contains("\\")
            || value.contains("\0")
            || java.util.Arrays.asList(value.split("/")).contains("..");
    if (escapes) {
      throw error(
          path + " must be a path inside the repository (relative, no '..'), not '" + value + "'");
    }
    return value;
  }

  public boolean bool() {
    String value = text();
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw error(path + " must be true or false, not '" + value + "'");
  }

  public int integer() {
    try {
      return Integer.parseInt(text());
    } catch (NumberFormatException e) {
      throw error(path + " must be an integer, not '" + text() + "'");
    }
  }

  public List<YamlNode> items() {
    if (!(node instanceof SequenceNode sequence)) {
      throw error(path + " must be a list");
    }
    List<YamlNode> result = new ArrayList<>();
    int index = 0;
    for (Node item : sequence.getValue()) {
      result.add(new YamlNode(file, item, path + "[" + index++ + "]", strict));
    }
    return result;
  }

  public List<String> texts() {
    return items().stream().map(YamlNode::text).toList();
  }

  /**
   * The node as plain Java values (maps, lists, strings, longs, doubles, booleans, null) following
   * YAML's core schema: for evaluators that walk arbitrary documents, such as admission patterns.
   */
  public Object toPlain() {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = ((ScalarNode) tuple.getKeyNode()).getValue();
        if (strict && map.containsKey(key)) {
          throw new YamlNode(file, tuple.getKeyNode(), path)
              .error("duplicate key '" + key + "' in " + path);
        }
        map.put(key, new YamlNode(file, tuple.getValueNode(), path, strict).toPlain());
      }
      return map;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        list.add(new YamlNode(file, item, path, strict).toPlain());
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) node;
    String tag = scalar.getTag().getValue();
    String value = scalar.getValue();
    try {
      if (tag.endsWith(":null")) {
        return null;
      }
      if (tag.endsWith(":bool")) {
        return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
      }
      if (tag.endsWith(":int")) {
        return Long.decode(value.replace("_", "").replace("0o", "0"));
      }
      if (tag.endsWith(":float")) {
        return Double.parseDouble(value);
      }
    } catch (NumberFormatException e) {
      return value;
    }
    return value;
  }

  /** A mapping of plain strings, e.g. labels. */
  public Map<String, String> textMap() {
    Map<String, String> result = new LinkedHashMap<>();
    entries().forEach((k, v) -> result.put(k, v.text()));
    return result;
  }
}
