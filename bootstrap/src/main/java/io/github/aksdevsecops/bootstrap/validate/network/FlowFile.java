package io.github.aksdevsecops.bootstrap.validate.network;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared half of the platform's flows (kubernetes/security/network-policies/flows.yaml) as
 * one environment sees it: endpoints outside the render, the pods and Services AKS runs itself that
 * the render refers to, manifests deployed beside the render, and the flows a render cannot tell
 * (who calls whom), each with why it exists.
 */
public record FlowFile(
    Path file,
    Map<String, Endpoint> outside,
    Map<String, Map<Integer, Integer>> outsidePorts,
    List<Beside> deployedBeside,
    List<Unrendered> unrendered,
    List<Declared> flows,
    List<Restricted> restricted) {
  public FlowFile {
    outside = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outside));
    outsidePorts =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outsidePorts));
    deployedBeside = List.copyOf(deployedBeside);
    unrendered = List.copyOf(unrendered);
    flows = List.copyOf(flows);
    restricted = List.copyOf(restricted);
  }

  /** Where a declared flow's source or destination is. */
  public sealed interface End {}

  /** Pods selected by labels in a namespace (every namespace when none is named). */
  public record Pods(Optional<String> namespace, Map<String, String> labels) implements End {
    public Pods {
      labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
  }

  /** An endpoint of {@link #outside}. */
  public record Out(String name) implements End {}

  /** A declared flow; {@code when} names the component that must be in the environment. */
  public record Declared(
      YamlNode node,
      String why,
      End from,
      End to,
      Object port,
      String protocol,
      Optional<String> when) {}

  /**
   * Something AKS runs that the render's Services and monitors select: a pod (with its ports), an
   * outside endpoint, or nothing at all (absent, with why).
   */
  public record Unrendered(
      YamlNode node,
      String namespace,
      Map<String, String> labels,
      List<Endpoint.ContainerPort> ports,
      Optional<String> outside,
      Optional<String> absent) {
    public Unrendered {
      labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
      ports = List.copyOf(ports);
    }
  }

  /**
   * Manifests deployed beside the render in an environment (by a workflow rather than by
   * bootstrap), whose pods take part in the platform's flows there.
   */
  public record Beside(String path, String namespace) {}

  /**
   * Pods that accept only the flows the render and this file declare: any other pod of the render
   * their policies let in (their own peers aside) is a problem.
   */
  public record Restricted(YamlNode node, String namespace, Map<String, String> labels) {
    public Restricted {
      labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
  }

  /** The port a connection to an outside endpoint really uses in this environment. */
  public int outsidePort(String name, int port) {
    return outsidePorts.getOrDefault(name, Map.of()).getOrDefault(port, port);
  }

  /**
   * The namespace and pod labels of every {@code unrendered} entry, whichever environments it is
   * limited to: the pods a policy of any environment may be written for.
   */
  public static List<Map.Entry<String, Map<String, String>>> unrenderedPodsOfAnyEnvironment(
      Path file) {
    YamlNode doc = YamlFiles.readOne(file);
    List<Map.Entry<String, Map<String, String>>> pods = new ArrayList<>();
    for (YamlNode u : items(doc, "unrendered")) {
      pods.add(Map.entry(u.requiredText("namespace"), u.required("labels").textMap()));
    }
    return pods;
  }

  /** Reads the file for one environment, its overrides of outside endpoints applied. */
  public static FlowFile read(Path file, String environment) {
    return read(file, List.of(environment));
  }

  /**
   * Reads the file for an environment given as its layers (an environment based on another: the
   * base first): an entry listed for any layer holds, and the last layer's override wins.
   */
  public static FlowFile read(Path file, List<String> layers) {
    YamlNode doc =
        YamlFiles.readOne(file)
            .onlyKeys(List.of("outside", "unrendered", "deployedBeside", "restricted", "flows"));
    List<Beside> beside = new ArrayList<>();
    for (YamlNode b : items(doc, "deployedBeside")) {
      b.onlyKeys(List.of("path", "namespace", "environments", "why"));
      b.requiredText("why");
      if (layers.stream().anyMatch(b.required("environments").texts()::contains)) {
        beside.add(new Beside(b.required("path").relativePath(), b.requiredText("namespace")));
      }
    }
    Map<String, Endpoint> outside = new LinkedHashMap<>();
    Map<String, Map<Integer, Integer>> outsidePorts = new LinkedHashMap<>();
    for (YamlNode o : items(doc, "outside")) {
      o.onlyKeys(List.of("name", "node", "address", "pod", "why", "environments"));
      o.requiredText("why");
      String name = o.requiredText("name");
      Optional<YamlNode> override = Optional.empty();
      for (String layer : layers) {
        Optional<YamlNode> own = o.optional("environments").flatMap(e -> e.optional(layer));
        override = own.isPresent() ? own : override;
      }
      YamlNode where = override.orElse(o);
      if (override.isPresent()) {
        where.onlyKeys(List.of("node", "address", "pod", "ports"));
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        where
            .optional("ports")
            .ifPresent(
                p -> p.entries().forEach((k, v) -> ports.put(Integer.parseInt(k), v.integer())));
        outsidePorts.put(name, ports);
      }
      outside.put(name, outsideEndpoint(name, where));
    }
    List<Unrendered> unrendered = new ArrayList<>();
    for (YamlNode u : items(doc, "unrendered")) {
      u.onlyKeys(
          List.of("namespace", "labels", "ports", "outside", "absent", "why", "environments"));
      if (!inEnvironment(u, layers)) {
        continue;
      }
      u.requiredText("why");
      Optional<String> out = u.optionalText("outside");
      out.ifPresent(name -> known(outside, u.required("outside"), name));
      unrendered.add(
          new Unrendered(
              u,
              u.requiredText("namespace"),
              u.required("labels").textMap(),
              ports(u),
              out,
              u.optionalText("absent")));
    }
    List<Declared> flows = new ArrayList<>();
    for (YamlNode f : items(doc, "flows")) {
      f.onlyKeys(List.of("why", "from", "to", "when", "environments"));
      // a flow of some environments only (a component a per-environment values file switches off)
      if (!inEnvironment(f, layers)) {
        continue;
      }
      YamlNode to =
          f.required("to").onlyKeys(List.of("namespace", "labels", "outside", "port", "protocol"));
      YamlNode port = to.required("port");
      Object portValue = port.text().matches("\\d+") ? (Object) port.integer() : port.text();
      End destination = end(outside, to);
      if (destination instanceof Out && !(portValue instanceof Integer)) {
        throw port.error("a flow to an outside endpoint names its port by number");
      }
      flows.add(
          new Declared(
              f,
              f.requiredText("why"),
              end(outside, f.required("from").onlyKeys(List.of("namespace", "labels", "outside"))),
              destination,
              portValue,
              to.optionalText("protocol").orElse("TCP"),
              f.optionalText("when")));
    }
    List<Restricted> restricted = new ArrayList<>();
    for (YamlNode r : items(doc, "restricted")) {
      r.onlyKeys(List.of("namespace", "labels", "why"));
      r.requiredText("why");
      restricted.add(
          new Restricted(r, r.requiredText("namespace"), r.required("labels").textMap()));
    }
    return new FlowFile(file, outside, outsidePorts, beside, unrendered, flows, restricted);
  }

  /** An entry without {@code environments} holds everywhere; with it, only where it is listed. */
  private static boolean inEnvironment(YamlNode entry, List<String> layers) {
    return entry
        .optional("environments")
        .map(e -> layers.stream().anyMatch(e.texts()::contains))
        .orElse(true);
  }

  private static List<YamlNode> items(YamlNode doc, String key) {
    return doc.optional(key).map(YamlNode::items).orElse(List.of());
  }

  /** A node, an address, or pods of a namespace the render does not hold. */
  private static Endpoint outsideEndpoint(String name, YamlNode at) {
    boolean node = at.optional("node").map(YamlNode::bool).orElse(false);
    Optional<String> address = at.optionalText("address");
    Optional<YamlNode> pod = at.optional("pod");
    int kinds = (node ? 1 : 0) + (address.isPresent() ? 1 : 0) + (pod.isPresent() ? 1 : 0);
    if (kinds != 1) {
      throw at.error("an outside endpoint is exactly one of: node: true, an address, a pod");
    }
    if (pod.isPresent()) {
      YamlNode p = pod.get().onlyKeys(List.of("namespace", "labels"));
      String ns = p.requiredText("namespace");
      return new Endpoint.Pod(
          ns,
          name,
          p.required("labels").textMap(),
          Map.of("kubernetes.io/metadata.name", ns),
          List.of(),
          false);
    }
    if (address.isPresent()) {
      try {
        Cidr.address(address.get());
      } catch (IllegalArgumentException e) {
        throw at.required("address").error(e.getMessage());
      }
    }
    return new Endpoint.Outside(name, node, address.orElse(null));
  }

  private static End end(Map<String, Endpoint> outside, YamlNode node) {
    Optional<String> out = node.optionalText("outside");
    if (out.isPresent()) {
      known(outside, node.required("outside"), out.get());
      return new Out(out.get());
    }
    return new Pods(
        node.optionalText("namespace"),
        node.optional("labels").map(YamlNode::textMap).orElse(Map.of()));
  }

  private static void known(Map<String, Endpoint> outside, YamlNode at, String name) {
    if (!outside.containsKey(name)) {
      throw at.error("no outside endpoint named '" + name + "' (known: " + outside.keySet() + ")");
    }
  }

  private static List<Endpoint.ContainerPort> ports(YamlNode u) {
    List<Endpoint.ContainerPort> ports = new ArrayList<>();
    for (YamlNode p : items(u, "ports")) {
      p.onlyKeys(List.of("name", "port", "protocol"));
      ports.add(
          new Endpoint.ContainerPort(
              p.requiredText("name"),
              p.required("port").integer(),
              p.optionalText("protocol").orElse("TCP")));
    }
    return ports;
  }
}
