package io.github.aksdevsecops.bootstrap.assets;

import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.ChartDigests;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.Source;
import io.github.aksdevsecops.bootstrap.model.Waits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the component catalog (bootstrap/catalog.yaml) into typed records, once. */
public final class CatalogReader {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern INPUT = Pattern.compile("[A-Z][A-Z0-9_]*");

  /** The pattern environment names follow (EnvironmentReader enforces it on the files). */
  static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,20}");

  static final Pattern OUTPUT_REF = Pattern.compile("([a-z][a-z0-9-]*)\\.([a-z_][a-z0-9_]*)");
  private static final Set<String> KINDS =
      Set.of("terraform", "credentials", "helm", "manifests", "secrets");
  private static final List<String> COMPONENT_KEYS =
      List.of(
          "id",
          "description",
          "dependsOn",
          "waits",
          "inputs",
          "terraform",
          "credentials",
          "helm",
          "manifests",
          "secrets");

  private CatalogReader() {}

  public static Catalog read(Path file) {
    return fromNode(YamlFiles.readOne(file));
  }

  public static Catalog parse(Path file, String text) {
    return fromNode(YamlFiles.parseOne(file, text));
  }

  private static Catalog fromNode(YamlNode root) {
    root.onlyKeys(List.of("components"));
    List<Problem> problems = new ArrayList<>();
    List<Component> components = new ArrayList<>();
    for (YamlNode item : root.required("components").items()) {
      try {
        components.add(component(item));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Catalog(root.file(), components);
  }

  private static Component component(YamlNode node) {
    node.onlyKeys(COMPONENT_KEYS);
    YamlNode idNode = node.required("id");
    String id = idNode.text();
    if (!ID.matcher(id).matches()) {
      throw idNode.error("component id '" + id + "' must match " + ID.pattern());
    }
    List<String> kinds = node.entries().keySet().stream().filter(KINDS::contains).toList();
    if (kinds.size() != 1) {
      throw node.error(
          "component '" + id + "' must have exactly one of " + KINDS + ", found " + kinds);
    }
    YamlNode body = node.required(kinds.get(0));
    ComponentSpec spec =
        switch (kinds.get(0)) {
          case "terraform" -> terraform(body);
          case "credentials" -> new ComponentSpec.Credentials(refs(body.optional("inputs")));
          case "helm" -> helm(body);
          case "secrets" -> secrets(body);
          default -> manifests(body);
        };
    Map<String, String> dependsOn = new LinkedHashMap<>();
    node.optional("dependsOn")
        .ifPresent(
            deps ->
                deps.entries()
                    .forEach(
                        (dep, why) -> {
                          if (why.text().isBlank()) {
                            throw why.error(
                                "dependency '" + dep + "' of '" + id + "' needs a reason");
                          }
                          dependsOn.put(dep, why.text());
                        }));
    Waits waits =
        node.optional("waits")
            .map(
                w -> {
                  w.onlyKeys(List.of("crds", "deployments", "webhooks"));
                  List<String> deployments =
                      w.optional("deployments").map(YamlNode::texts).orElse(List.of());
                  List<String> webhooks =
                      w.optional("webhooks").map(YamlNode::texts).orElse(List.of());
                  for (String d : concat(deployments, webhooks)) {
                    if (d.split("/").length != 2) {
                      throw w.error("'" + d + "' must be written namespace/name");
                    }
                  }
                  return new Waits(
                      w.optional("crds").map(YamlNode::texts).orElse(List.of()),
                      deployments,
                      webhooks);
                })
            .orElse(Waits.NONE);
    Map<String, OutputRef> inputs = refs(node.optional("inputs"));
    for (String name : inputs.keySet()) {
      if (!INPUT.matcher(name).matches()) {
        throw node.required("inputs").error("input '" + name + "' must match " + INPUT.pattern());
      }
    }
    if (!inputs.isEmpty()
        && !(spec instanceof ComponentSpec.Helm || spec instanceof ComponentSpec.Manifests)) {
      throw node.required("inputs")
          .error("inputs are written into values files or manifests: helm or manifests only");
    }
    return new Component(
        id,
        node.optionalText("description").orElse(""),
        spec,
        dependsOn,
        waits,
        new Source(node.file(), node.line()),
        inputs);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static ComponentSpec terraform(YamlNode body) {
    body.onlyKeys(List.of("stack", "outputs", "variables"));
    return new ComponentSpec.Terraform(
        body.required("stack").relativePath(),
        body.optional("outputs").map(YamlNode::texts).orElse(List.of()),
        refs(body.optional("variables")));
  }

  private static ComponentSpec helm(YamlNode body) {
    body.onlyKeys(
        List.of(
            "repository",
            "url",
            "chart",
            "version",
            "sha256",
            "release",
            "namespace",
            "values",
            "environmentValues",
            "environmentValuesFor",
            "fileValues",
            "podLabels"));
    YamlNode version = body.required("version");
    if (!pinned(version.text())) {
      throw version.error(
          "chart version '" + version.text() + "' is not pinned (exact x.y.z required)");
    }
    YamlNode chartName = body.required("chart");
    if (!ID.matcher(chartName.text()).matches()) {
      throw chartName.error(
          "chart name '" + chartName.text() + "' must be lower case letters, digits and dashes");
    }
    String url = body.requiredText("url");
    if (!url.startsWith("https://") && !url.startsWith("oci://")) {
      throw body.required("url").error("chart repository URL must be https:// or oci://");
    }
    List<Map<String, String>> podLabels = new ArrayList<>();
    body.optional("podLabels").ifPresent(l -> l.items().forEach(i -> podLabels.add(i.textMap())));
    List<ComponentSpec.FileValue> fileValues = new ArrayList<>();
    body.optional("fileValues")
        .ifPresent(
            l ->
                l.items()
                    .forEach(
                        i -> {
                          i.onlyKeys(List.of("key", "file"));
                          fileValues.add(
                              new ComponentSpec.FileValue(
                                  i.required("key").texts(), i.required("file").relativePath()));
                        }));
    return new ComponentSpec.Helm(
        body.requiredText("repository"),
        url,
        body.requiredText("chart"),
        version.text(),
        digests(body.required("sha256")),
        body.requiredText("release"),
        body.requiredText("namespace"),
        body.required("values").relativePath(),
        body.optional("environmentValues").map(CatalogReader::perEnvironmentPath),
        environmentValuesFor(body),
        fileValues,
        podLabels);
  }

  /**
   * The archives of the pinned version the bootstrap may use, by sha256: {@code published} (the
   * repository's archive) and {@code rebuilt} (rebuilt from the release tag), at least one.
   */
  private static ChartDigests digests(YamlNode node) {
    if (!node.isMapping()) {
      throw node.error("sha256 must map published and/or rebuilt to the archives' sha256");
    }
    node.onlyKeys(List.of("published", "rebuilt"));
    Optional<String> published = digest(node, "published");
    Optional<String> rebuilt = digest(node, "rebuilt");
    if (published.isEmpty() && rebuilt.isEmpty()) {
      throw node.error("sha256 needs the published or the rebuilt archive's digest");
    }
    return new ChartDigests(published, rebuilt);
  }

  private static Optional<String> digest(YamlNode node, String key) {
    Optional<YamlNode> value = node.optional(key);
    value.ifPresent(
        v -> {
          if (!ChartDigests.SHA256.matcher(v.text()).matches()) {
            throw v.error(
                "sha256 " + key + " must be 64 lower-case hex digits, got '" + v.text() + "'");
          }
        });
    return value.map(YamlNode::text);
  }

  /**
   * The environments {@code environmentValues} is limited to: a non-empty list of distinct
   * environment names, and only beside {@code environmentValues}.
   */
  private static List<String> environmentValuesFor(YamlNode body) {
    Optional<YamlNode> node = body.optional("environmentValuesFor");
    if (node.isEmpty()) {
      return List.of();
    }
    YamlNode list = node.get();
    if (body.optional("environmentValues").isEmpty()) {
      throw list.error("environmentValuesFor needs environmentValues (the file for each of them)");
    }
    if (!list.isSequence() || list.items().isEmpty()) {
      throw list.error("environmentValuesFor must be a non-empty list of environment names");
    }
    List<String> names = new ArrayList<>();
    for (YamlNode item : list.items()) {
      String name = item.text();
      if (!ENVIRONMENT_NAME.matcher(name).matches()) {
        throw item.error("'" + name + "' is not an environment name (" + ENVIRONMENT_NAME + ")");
      }
      if (names.contains(name)) {
        throw item.error("environment '" + name + "' is listed twice");
      }
      names.add(name);
    }
    return names;
  }

  /** An exact x.y.z (optionally v-prefixed, optionally -prerelease): no ranges, no wildcards. */
  static boolean pinned(String version) {
    if (!version.matches("[0-9A-Za-z.+-]+") || version.contains("..")) {
      return false;
    }
    String v = version.startsWith("v") ? version.substring(1) : version;
    int dash = v.indexOf('-');
    String core = dash < 0 ? v : v.substring(0, dash);
    String pre = dash < 0 ? "" : v.substring(dash + 1);
    String[] parts = core.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return dash < 0
        || !pre.isEmpty()
            && pre.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-');
  }

  private static ComponentSpec secrets(YamlNode body) {
    List<ComponentSpec.GeneratedSecret> secrets = new ArrayList<>();
    for (YamlNode s : body.items()) {
      s.onlyKeys(List.of("namespace", "name", "keys"));
      Map<String, ComponentSpec.KeySource> keys = new LinkedHashMap<>();
      s.required("keys")
          .entries()
          .forEach(
              (key, source) -> {
                source.onlyKeys(List.of("random", "file", "value"));
                if (source.entries().size() != 1) {
                  throw source.error(
                      "key '" + key + "' must have exactly one of random, file, value");
                }
                if (source.optional("random").isPresent()) {
                  int length = source.required("random").integer();
                  if (length < 16 || length > 128) {
                    throw source.error("key '" + key + "': random length must be 16 to 128");
                  }
                  keys.put(key, new ComponentSpec.KeySource.Random(length));
                } else if (source.optional("file").isPresent()) {
                  keys.put(
                      key,
                      new ComponentSpec.KeySource.File(source.required("file").relativePath()));
                } else {
                  keys.put(key, new ComponentSpec.KeySource.Value(source.requiredText("value")));
                }
              });
      secrets.add(
          new ComponentSpec.GeneratedSecret(
              s.requiredText("namespace"), s.requiredText("name"), keys));
    }
    return new ComponentSpec.Secrets(secrets);
  }

  private static ComponentSpec manifests(YamlNode body) {
    body.onlyKeys(List.of("path", "overlay"));
    return new ComponentSpec.Manifests(
        body.required("path").relativePath(),
        body.optional("overlay").map(CatalogReader::perEnvironmentPath));
  }

  /** A path inside the checkout that names the environment ({@code {env}}). */
  private static String perEnvironmentPath(YamlNode node) {
    String path = node.relativePath();
    if (!path.contains(ComponentSpec.ENV)) {
      throw node.error(node.path() + " must contain " + ComponentSpec.ENV + ", not '" + path + "'");
    }
    return path;
  }

  private static Map<String, OutputRef> refs(Optional<YamlNode> node) {
    Map<String, OutputRef> result = new LinkedHashMap<>();
    node.ifPresent(
        n ->
            n.entries()
                .forEach(
                    (name, value) -> {
                      var m = OUTPUT_REF.matcher(value.text());
                      if (!m.matches()) {
                        throw value.error(
                            "'" + value.text() + "' must be written component.output_name");
                      }
                      result.put(name, new OutputRef(m.group(1), m.group(2)));
                    }));
    return result;
  }
}
