package io.github.aksdevsecops.bootstrap.assets;

import io.fabric8.kubernetes.api.model.Quantity;
import io.github.aksdevsecops.bootstrap.model.AzureTarget;
import io.github.aksdevsecops.bootstrap.model.Capacity;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.ForkSetting;
import io.github.aksdevsecops.bootstrap.model.NodePool;
import io.github.aksdevsecops.bootstrap.model.Provided;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses one environment file (bootstrap/environments/NAME.yaml). */
public final class EnvironmentReader {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern NAME = CatalogReader.ENVIRONMENT_NAME;

  private EnvironmentReader() {}

  public static Environment read(Path file) {
    return fromNode(YamlFiles.readOne(file));
  }

  public static Environment parse(Path file, String text) {
    return fromNode(YamlFiles.parseOne(file, text));
  }

  private static Environment fromNode(YamlNode root) {
    root.onlyKeys(
        List.of(
            "name",
            "protected",
            "kubeContext",
            "kubernetesVersion",
            "tools",
            "azure",
            "components",
            "forkSets",
            "provided",
            "capacity",
            "basedOn",
            "nodes"));
    YamlNode nameNode = root.required("name");
    String name = nameNode.text();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error("environment name '" + name + "' must match " + NAME.pattern());
    }
    String expectedFile = name + ".yaml";
    Path fileName = root.file().getFileName();
    if (fileName != null && !fileName.toString().equals(expectedFile)) {
      throw nameNode.error("environment '" + name + "' must live in a file named " + expectedFile);
    }
    Map<String, Boolean> toggles = new LinkedHashMap<>();
    root.optional("components")
        .ifPresent(c -> c.entries().forEach((id, value) -> toggles.put(id, value.bool())));
    Map<String, String> tools = root.optional("tools").map(YamlNode::textMap).orElse(Map.of());
    boolean protectedEnvironment = root.optional("protected").map(YamlNode::bool).orElse(false);
    if (protectedEnvironment && root.optional("azure").isEmpty()) {
      // The guards of a protected environment compare the login's subscription and the cluster
      // with the file: both must be written down, not inferred.
      throw root.required("protected")
          .error("a protected environment must name its subscription (azure.subscriptionId)");
    }
    java.util.Optional<String> basedOn =
        root.optional("basedOn")
            .map(
                b -> {
                  if (!NAME.matcher(b.text()).matches() || b.text().equals(name)) {
                    throw b.error(
                        "basedOn must name another environment (matching "
                            + NAME.pattern()
                            + "), not '"
                            + b.text()
                            + "'");
                  }
                  return b.text();
                });
    boolean simulatedNodes =
        root.optional("nodes")
            .map(
                n -> {
                  if (!List.of("real", "simulated").contains(n.text())) {
                    throw n.error("nodes must be real or simulated, not '" + n.text() + "'");
                  }
                  return n.text().equals("simulated");
                })
            .orElse(false);
    return new Environment(
        name,
        root.file(),
        root.optional("azure").map(EnvironmentReader::azure),
        root.requiredText("kubeContext"),
        root.requiredText("kubernetesVersion"),
        toggles,
        tools,
        protectedEnvironment,
        root.optional("forkSets").map(EnvironmentReader::forkSettings).orElse(List.of()),
        root.optional("provided").map(EnvironmentReader::provided).orElse(List.of()),
        root.optional("capacity").map(c -> capacity(c, root.keyLines().get("capacity"))),
        basedOn,
        simulatedNodes);
  }

  private static List<Provided> provided(YamlNode node) {
    return node.items().stream()
        .map(
            p -> {
              p.onlyKeys(List.of("kind", "namespace", "name", "by"));
              return new Provided(
                  p.requiredText("kind"),
                  p.optionalText("namespace"),
                  p.requiredText("name"),
                  p.requiredText("by"),
                  new io.github.aksdevsecops.bootstrap.model.Source(p.file(), p.line()));
            })
        .toList();
  }

  private static Capacity capacity(YamlNode node, int line) {
    node.onlyKeys(List.of("cpu", "memory", "nodes"));
    YamlNode cpu = node.required("cpu");
    YamlNode memory = node.required("memory");
    YamlNode nodes = node.required("nodes");
    if (nodes.integer() < 1) {
      throw nodes.error("capacity.nodes must be at least 1, not " + nodes.integer());
    }
    return new Capacity(
        positiveQuantity(cpu),
        cpu.text(),
        positiveQuantity(memory),
        memory.text(),
        nodes.integer(),
        new io.github.aksdevsecops.bootstrap.model.Source(node.file(), line));
  }

  /** A Kubernetes quantity (100m, 1.5, 512Mi, 1G) greater than zero, in its base unit. */
  private static BigDecimal positiveQuantity(YamlNode node) {
    BigDecimal amount;
    try {
      amount = Quantity.getAmountInBytes(new Quantity(node.text()));
    } catch (IllegalArgumentException e) {
      throw node.error(
          node.path() + " '" + node.text() + "' is not a Kubernetes quantity (e.g. 2500m, 8Gi)");
    }
    if (amount.signum() <= 0) {
      throw node.error(node.path() + " must be greater than zero, not '" + node.text() + "'");
    }
    return amount;
  }

  private static AzureTarget azure(YamlNode node) {
    node.onlyKeys(
        List.of(
            "subscriptionId",
            "location",
            "zones",
            "namePrefix",
            "keyVaults",
            "nodePools",
            "resourceProviders"));
    YamlNode subscription = node.required("subscriptionId");
    if (!UUID.matcher(subscription.text()).matches()) {
      throw subscription.error("subscriptionId must be a lower-case GUID");
    }
    List<NodePool> pools =
        node.optional("nodePools").map(EnvironmentReader::pools).orElse(List.of());
    return new AzureTarget(
        subscription.text(),
        node.requiredText("location"),
        node.optional("zones").map(YamlNode::texts).orElse(List.of()),
        node.requiredText("namePrefix"),
        node.optional("keyVaults").map(YamlNode::texts).orElse(List.of()),
        pools,
        node.optional("resourceProviders").map(YamlNode::texts).orElse(List.of()));
  }

  private static List<ForkSetting> forkSettings(YamlNode node) {
    return node.items().stream()
        .map(
            f -> {
              f.onlyKeys(List.of("value", "why"));
              return new ForkSetting(
                  f.requiredText("value"),
                  f.requiredText("why"),
                  new io.github.aksdevsecops.bootstrap.model.Source(f.file(), f.line()));
            })
        .toList();
  }

  private static List<NodePool> pools(YamlNode node) {
    return node.items().stream()
        .map(
            p -> {
              p.onlyKeys(List.of("name", "vmFamily", "vcpusPerNode", "maxCount"));
              return new NodePool(
                  p.requiredText("name"),
                  p.requiredText("vmFamily"),
                  p.required("vcpusPerNode").integer(),
                  p.required("maxCount").integer());
            })
        .toList();
  }
}
