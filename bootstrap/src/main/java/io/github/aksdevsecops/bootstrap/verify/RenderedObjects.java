package io.github.aksdevsecops.bootstrap.verify;

import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects rendered from kustomizations, keyed by kind, namespace and name; a later render replaces
 * an object an earlier one declared (the environment overlay over the shared manifests). The only
 * place generic YAML access of the verify facts lives, together with {@link FactsReader}.
 */
final class RenderedObjects {
  private final Map<String, YamlNode> objects = new LinkedHashMap<>();

  void add(List<YamlNode> documents) {
    for (YamlNode doc : documents) {
      if (!doc.isMapping() || doc.optional("kind").isEmpty()) {
        continue;
      }
      objects.put(key(doc), doc);
    }
  }

  private static String key(YamlNode doc) {
    YamlNode metadata = doc.required("metadata");
    return doc.requiredText("kind")
        + "/"
        + metadata.optionalText("namespace").orElse("")
        + "/"
        + metadata.requiredText("name");
  }

  List<YamlNode> ofKind(String kind) {
    List<YamlNode> result = new ArrayList<>();
    for (YamlNode doc : objects.values()) {
      if (kind.equals(doc.requiredText("kind"))) {
        result.add(doc);
      }
    }
    return result;
  }

  static String name(YamlNode doc) {
    return doc.required("metadata").requiredText("name");
  }

  static Optional<String> namespace(YamlNode doc) {
    return doc.required("metadata").optionalText("namespace");
  }

  static Map<String, String> labels(YamlNode doc) {
    return map(doc.required("metadata"), "labels");
  }

  static Map<String, String> annotations(YamlNode doc) {
    return map(doc.required("metadata"), "annotations");
  }

  /** A mapping of strings under {@code key}, empty when absent. */
  static Map<String, String> map(YamlNode node, String key) {
    return node.optional(key).map(YamlNode::textMap).orElse(Map.of());
  }

  /** The node at a path of mapping keys, if every key is there. */
  static Optional<YamlNode> at(YamlNode node, String... keys) {
    Optional<YamlNode> current = Optional.of(node);
    for (String key : keys) {
      current = current.filter(YamlNode::isMapping).flatMap(n -> n.optional(key));
    }
    return current;
  }

  static List<YamlNode> items(YamlNode node, String... keys) {
    return at(node, keys).filter(YamlNode::isSequence).map(YamlNode::items).orElse(List.of());
  }

  static Optional<String> text(YamlNode node, String... keys) {
    return at(node, keys).filter(YamlNode::isScalar).map(YamlNode::text);
  }

  /** Every scalar under a key named {@code key}, anywhere below {@code node}. */
  static List<String> scalarsNamed(YamlNode node, String key) {
    List<String> found = new ArrayList<>();
    collect(node, key, found);
    return found;
  }

  private static void collect(YamlNode node, String key, List<String> found) {
    if (node.isMapping()) {
      for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
        if (e.getKey().equals(key) && e.getValue().isScalar()) {
          found.add(e.getValue().text());
        } else {
          collect(e.getValue(), key, found);
        }
      }
    } else if (node.isSequence()) {
      for (YamlNode item : node.items()) {
        collect(item, key, found);
      }
    }
  }
}
