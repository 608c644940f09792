package io.github.aksdevsecops.bootstrap.validate.network;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Kustomizations;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the network check reads from one environment's render: the platform namespaces (declared
 * Namespaces, chart release namespaces, Argo CD Application destinations) with their labels, the
 * pods every workload runs (the Prometheus operator's pods included, and the pods of the
 * Applications whose manifests are in this repository) and the Services in front of them.
 */
public record RenderedNetwork(
    Set<String> namespaces,
    Map<String, Map<String, String>> namespaceLabels,
    List<Endpoint.Pod> pods,
    List<Service> services) {
  public RenderedNetwork {
    namespaces = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(namespaces));
    namespaceLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namespaceLabels));
    pods = List.copyOf(pods);
    services = List.copyOf(services);
  }

  /** A Service: its selector picks pods of its namespace; ports map to pod ports. */
  public record Service(
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, String> selector,
      List<ServicePort> ports) {
    public Service {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      selector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selector));
      ports = List.copyOf(ports);
    }
  }

  /** A Service port; targetPort is a number, a container port name, or unset (the port itself). */
  public record ServicePort(String name, int port, Object targetPort, String protocol) {}

  public static RenderedNetwork of(
      Path root, List<RenderedObject> objects, List<FlowFile.Beside> beside) {
    Set<String> namespaces = new LinkedHashSet<>();
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    List<Endpoint.Pod> pods = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<Map<String, Object>> docs = new ArrayList<>();
    List<String> docNamespaces = new ArrayList<>();
    for (RenderedObject o : objects) {
      if (o.step().step().component().spec() instanceof ComponentSpec.Helm helm) {
        namespaces.add(helm.namespace());
      }
      docs.add(o.content());
      docNamespaces.add(namespaceOf(o));
      if (o.isKind("Application")) {
        applicationObjects(root, o.content(), docs, docNamespaces, namespaces);
      }
    }
    for (FlowFile.Beside b : beside) {
      namespaces.add(b.namespace());
      manifests(root, b.path(), b.namespace(), docs, docNamespaces);
    }
    for (int i = 0; i < docs.size(); i++) {
      Map<String, Object> doc = docs.get(i);
      if ("Namespace".equals(doc.get("kind"))) {
        String name = String.valueOf(Plain.map(doc.get("metadata")).get("name"));
        namespaces.add(name);
        Map<String, String> l =
            new LinkedHashMap<>(strings(Plain.dig(doc, List.of("metadata", "labels"))));
        l.put("kubernetes.io/metadata.name", name);
        labels.put(name, l);
      }
    }
    for (String ns : namespaces) {
      labels.computeIfAbsent(ns, n -> Map.of("kubernetes.io/metadata.name", n));
    }
    for (int i = 0; i < docs.size(); i++) {
      Map<String, Object> doc = docs.get(i);
      String ns = docNamespaces.get(i);
      Map<String, String> nsLabels =
          labels.getOrDefault(ns, Map.of("kubernetes.io/metadata.name", ns));
      String kind = String.valueOf(doc.get("kind"));
      String name = String.valueOf(Plain.map(doc.get("metadata")).get("name"));
      if (KubeObject.WORKLOAD_KINDS.containsKey(kind)) {
        Object template = Plain.dig(doc, KubeObject.WORKLOAD_KINDS.get(kind));
        pods.add(pod(ns, name, nsLabels, template, Map.of(), List.of()));
      } else if (kind.equals("Prometheus") || kind.equals("Alertmanager")) {
        pods.add(operatorPod(kind, ns, name, nsLabels, Plain.map(doc.get("spec"))));
      } else if (kind.equals("Service")) {
        services.add(service(ns, name, doc));
      }
    }
    return new RenderedNetwork(namespaces, labels, pods, services);
  }

  private static String namespaceOf(RenderedObject o) {
    if (o.object().namespace() != null) {
      return o.object().namespace();
    }
    if (o.step().step().component().spec() instanceof ComponentSpec.Helm helm) {
      return helm.namespace(); // a chart's namespaced objects land in the release namespace
    }
    return "default";
  }

  /** The manifests of an Application whose source is a folder of this repository. */
  private static void applicationObjects(
      Path root,
      Map<String, Object> app,
      List<Map<String, Object>> docs,
      List<String> docNamespaces,
      Set<String> namespaces) {
    Map<String, Object> spec = Plain.map(app.get("spec"));
    String destination = String.valueOf(Plain.map(spec.get("destination")).get("namespace"));
    namespaces.add(destination);
    List<Object> sources = new ArrayList<>(Plain.list(spec.get("sources")));
    if (spec.containsKey("source")) {
      sources.add(spec.get("source"));
    }
    for (Object s : sources) {
      Object path = Plain.map(s).get("path");
      if (path != null && !String.valueOf(path).contains("..")) {
        manifests(root, String.valueOf(path), destination, docs, docNamespaces);
      }
    }
  }

  private static void manifests(
      Path root,
      String path,
      String namespace,
      List<Map<String, Object>> docs,
      List<String> docNamespaces) {
    Path dir = root.resolve(path);
    if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
      return; // not in this repository: the references check reports a missing source
    }
    try {
      for (KubeObject o : Kustomizations.objects(root, dir)) {
        docs.add(Plain.map(o.node().toPlain()));
        docNamespaces.add(o.namespace() == null ? namespace : o.namespace());
      }
    } catch (InvalidInputException e) {
      // the repository checks report an unreadable kustomization with its file and line
    }
  }

  private static Endpoint.Pod pod(
      String ns,
      String name,
      Map<String, String> nsLabels,
      Object template,
      Map<String, String> extraLabels,
      List<Endpoint.ContainerPort> extraPorts) {
    Map<String, String> labels =
        new LinkedHashMap<>(strings(Plain.dig(template, List.of("metadata", "labels"))));
    labels.putAll(extraLabels);
    Map<String, Object> spec = Plain.map(Plain.map(template).get("spec"));
    List<Endpoint.ContainerPort> ports = new ArrayList<>(extraPorts);
    for (String key : List.of("containers", "initContainers")) {
      for (Object c : Plain.list(spec.get(key))) {
        for (Object p : Plain.list(Plain.map(c).get("ports"))) {
          Map<String, Object> port = Plain.map(p);
          Object number = port.get("containerPort");
          if (number instanceof Number n) {
            ports.add(
                new Endpoint.ContainerPort(
                    port.get("name") == null ? null : String.valueOf(port.get("name")),
                    n.intValue(),
                    port.get("protocol") == null ? "TCP" : String.valueOf(port.get("protocol"))));
          }
        }
      }
    }
    return new Endpoint.Pod(
        ns, name, labels, nsLabels, ports, Boolean.TRUE.equals(spec.get("hostNetwork")));
  }

  /**
   * The pods the Prometheus operator builds from a Prometheus or Alertmanager resource, with the
   * labels and ports prometheus-operator gives them (its pod template merged with podMetadata).
   */
  private static Endpoint.Pod operatorPod(
      String kind, String ns, String name, Map<String, String> nsLabels, Map<String, Object> spec) {
    String app = kind.equals("Prometheus") ? "prometheus" : "alertmanager";
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", app);
    labels.put("app.kubernetes.io/instance", name);
    labels.put("app.kubernetes.io/managed-by", "prometheus-operator");
    labels.put(app, name);
    if (kind.equals("Prometheus")) {
      labels.put("operator.prometheus.io/name", name);
      labels.put("operator.prometheus.io/shard", "0");
    }
    labels.putAll(strings(Plain.dig(spec, List.of("podMetadata", "labels"))));
    List<Endpoint.ContainerPort> ports = new ArrayList<>();
    if (kind.equals("Prometheus")) {
      ports.add(new Endpoint.ContainerPort("web", 9090, "TCP"));
      if (spec.containsKey("thanos")) {
        ports.add(new Endpoint.ContainerPort("grpc", 10901, "TCP"));
        ports.add(new Endpoint.ContainerPort("http", 10902, "TCP"));
      }
    } else {
      ports.add(new Endpoint.ContainerPort("web", 9093, "TCP"));
      ports.add(new Endpoint.ContainerPort("mesh-tcp", 9094, "TCP"));
      ports.add(new Endpoint.ContainerPort("mesh-udp", 9094, "UDP"));
    }
    ports.add(new Endpoint.ContainerPort("reloader-web", 8080, "TCP"));
    Map<String, Object> template = Map.of("metadata", Map.of(), "spec", spec);
    return pod(ns, app + "-" + name, nsLabels, template, labels, ports);
  }

  private static Service service(String ns, String name, Map<String, Object> doc) {
    Map<String, Object> spec = Plain.map(doc.get("spec"));
    List<ServicePort> ports = new ArrayList<>();
    for (Object p : Plain.list(spec.get("ports"))) {
      Map<String, Object> port = Plain.map(p);
      if (port.get("port") instanceof Number n) {
        ports.add(
            new ServicePort(
                port.get("name") == null ? null : String.valueOf(port.get("name")),
                n.intValue(),
                port.get("targetPort"),
                port.get("protocol") == null ? "TCP" : String.valueOf(port.get("protocol"))));
      }
    }
    return new Service(
        ns,
        name,
        strings(Plain.dig(doc, List.of("metadata", "labels"))),
        strings(spec.get("selector")),
        ports);
  }

  private static Map<String, String> strings(Object map) {
    Map<String, String> result = new LinkedHashMap<>();
    Plain.map(map).forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }
}
