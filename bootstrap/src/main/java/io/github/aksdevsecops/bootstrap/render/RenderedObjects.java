package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Kustomizations;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render of an environment parsed once into objects for the whole-platform checks; {@code List}
 * documents are expanded into their items. Each object knows where to change it: a manifest's own
 * file and line, or for a chart the values file at the top-level key that best names the object's
 * component (e.g. {@code gateway:} for loki-gateway), else its first line.
 */
public final class RenderedObjects {
  private RenderedObjects() {}

  /** A parsed document: the object and its plain content. */
  private record Parsed(KubeObject object, Object plain) {}

  /** Parses by rendered text: environments sharing a chart render parse it once. */
  private static final RenderCache<String, List<Parsed>> PARSED = new RenderCache<>(64);

  public static List<RenderedObject> of(Path root, PlatformRender render) {
    List<RenderedObject> result = new ArrayList<>();
    for (RenderedStep step : render.steps()) {
      if (step.yaml().isBlank()) {
        continue;
      }
      Path virtual = Path.of("render", render.environment().name(), render.fileName(step));
      Origins origins = Origins.of(root, step, render);
      for (Parsed doc : PARSED.get(step.yaml(), text -> parse(virtual, text))) {
        Origins.Place place = origins.place(doc.object());
        result.add(new RenderedObject(step, doc.object(), place.file(), place.line(), doc.plain()));
      }
    }
    return result;
  }

  /**
   * The objects of files {@code bootstrap render} wrote, read back in order: without their plan
   * step (so a chart object without a namespace is in {@code default}), each pointed at its file
   * and line.
   */
  public static List<RenderedObject> ofFiles(List<Path> files) {
    List<RenderedObject> result = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new InvalidInputException(new Problem(file, 0, "cannot read: " + e.getMessage()));
      }
      for (YamlNode doc : YamlFiles.parseRendered(file, text)) {
        for (YamlNode item : items(doc)) {
          result.add(
              new RenderedObject(
                  null, KubeObject.of(item, null), file, item.line(), item.toPlain()));
        }
      }
    }
    return result;
  }

  private static List<Parsed> parse(Path file, String text) {
    List<Parsed> parsed = new ArrayList<>();
    for (YamlNode doc : YamlFiles.parseRendered(file, text)) {
      for (YamlNode item : items(doc)) {
        parsed.add(new Parsed(KubeObject.of(item, null), item.toPlain()));
      }
    }
    return parsed;
  }

  private static List<YamlNode> items(YamlNode doc) {
    if (!doc.isMapping()) {
      return List.of();
    }
    if ("List".equals(doc.optionalText("kind").orElse("")) && doc.optional("items").isPresent()) {
      return doc.required("items").items();
    }
    return List.of(doc);
  }

  /** Where the objects of one step are declared. */
  private record Origins(
      Path fallback, Map<String, YamlNode> manifests, Map<String, Integer> keys) {
    record Place(Path file, int line) {}

    static Origins of(Path root, RenderedStep step, PlatformRender render) {
      ComponentSpec spec = step.step().component().spec();
      if (spec instanceof ComponentSpec.Manifests m) {
        Path dir = root.resolve(m.path(render.environment()));
        Map<String, YamlNode> byId = new HashMap<>();
        try {
          for (KubeObject o : Kustomizations.objects(root, dir)) {
            // by namespace too: policies of one name (default-deny-all) live in many namespaces
            byId.putIfAbsent(o.kind() + "/" + o.namespace() + "/" + o.name(), o.node());
            byId.putIfAbsent(o.kind() + "/" + o.name(), o.node());
          }
        } catch (InvalidInputException e) {
          // kubectl kustomize rendered it, so the offline reader's limits are not a problem here
        }
        return new Origins(dir.resolve("kustomization.yaml"), byId, Map.of());
      }
      if (spec instanceof ComponentSpec.Helm helm) {
        Path values = root.resolve(helm.values());
        Map<String, Integer> keys = new HashMap<>();
        if (Files.isRegularFile(values)) {
          YamlFiles.readAll(values).stream()
              .filter(YamlNode::isMapping)
              .forEach(d -> d.keyLines().forEach(keys::putIfAbsent));
        }
        return new Origins(values, Map.of(), keys);
      }
      return new Origins(root, Map.of(), Map.of());
    }

    Place place(KubeObject object) {
      YamlNode declared =
          manifests.getOrDefault(
              object.kind() + "/" + object.namespace() + "/" + object.name(),
              manifests.get(object.kind() + "/" + object.name()));
      if (declared != null) {
        return new Place(declared.file(), declared.line());
      }
      return new Place(fallback, keyLine(object.name()).orElse(0));
    }

    /** The longest top-level values key found in the object's name, ignoring case and dashes. */
    private Optional<Integer> keyLine(String name) {
      String flat = name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
      return keys.entrySet().stream()
          .filter(e -> e.getKey().length() >= 3)
          .filter(
              e -> flat.contains(e.getKey().toLowerCase(java.util.Locale.ROOT).replace("-", "")))
          .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
          .map(Map.Entry::getValue);
    }
  }
}
