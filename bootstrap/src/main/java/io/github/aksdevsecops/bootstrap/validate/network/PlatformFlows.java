package io.github.aksdevsecops.bootstrap.validate.network;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connections the platform needs, as far as the render tells them: Prometheus to every target
 * of the ServiceMonitors and PodMonitors it selects, Prometheus to its Alertmanagers and its
 * remote-write Services, the control plane to every webhook Service, Grafana to the in-cluster
 * Service of every data source the render provisions (ConfigMaps and Secrets labelled {@code
 * grafana_datasource}, which Grafana's sidecar loads, or holding a {@code datasources.yaml}); then
 * the declared flows of {@link FlowFile}. A target that cannot be placed is a problem at the object
 * naming it.
 */
public final class PlatformFlows {
  private PlatformFlows() {}

  /** One connection: who opens it, to what, on which port, and why it exists. */
  public record Flow(
      String why,
      Endpoint from,
      Endpoint to,
      int port,
      String protocol,
      Function<String, Problem> origin) {}

  /** The flows, and the problems met placing them. */
  public record Result(List<Flow> flows, List<Problem> problems) {
    public Result {
      flows = List.copyOf(flows);
      problems = List.copyOf(problems);
    }
  }

  /** The outside endpoint webhooks are called from. */
  public static final String CONTROL_PLANE = "control-plane";

  public static Result of(
      String env,
      List<RenderedObject> objects,
      RenderedNetwork net,
      FlowFile file,
      Set<String> components) {
    Builder b = new Builder(env, net, file);
    List<RenderedObject> prometheuses =
        objects.stream().filter(o -> o.isKind("Prometheus")).toList();
    for (RenderedObject o : objects) {
      if (o.isKind("ServiceMonitor") || o.isKind("PodMonitor")) {
        for (RenderedObject p : prometheuses) {
          if (b.selects(p, o)) {
            b.monitor(p, o);
          }
        }
      } else if (o.isKind("Prometheus")) {
        b.prometheusPeers(o);
      } else if (o.isKind("ConfigMap") || o.isKind("Secret")) {
        b.dataSources(o);
      } else if (o.isKind("ValidatingWebhookConfiguration")
          || o.isKind("MutatingWebhookConfiguration")) {
        b.webhooks(o);
      }
    }
    for (FlowFile.Declared d : file.flows()) {
      if (d.when().map(components::contains).orElse(true)) {
        b.declared(d);
      }
    }
    return new Result(List.copyOf(b.flows.values()), b.problems);
  }

  private static final class Builder {
    final String env;
    final RenderedNetwork net;
    final FlowFile file;
    final Map<String, Flow> flows = new LinkedHashMap<>();
    final List<Problem> problems = new ArrayList<>();

    Builder(String env, RenderedNetwork net, FlowFile file) {
      this.env = env;
      this.net = net;
      this.file = file;
    }

    void add(
        String why,
        Endpoint from,
        Endpoint to,
        int port,
        String protocol,
        Function<String, Problem> origin) {
      int real =
          file.outside().entrySet().stream()
              .filter(e -> e.getValue().equals(to))
              .findFirst()
              .map(e -> file.outsidePort(e.getKey(), port))
              .orElse(port);
      String key = from.describe() + ">" + to.describe() + ":" + real + "/" + protocol;
      flows.putIfAbsent(key, new Flow(why, from, to, real, protocol, origin));
    }

    Function<String, Problem> at(RenderedObject o) {
      return m -> o.problem(env, m);
    }

    List<Endpoint.Pod> prometheusPods(RenderedObject p) {
      return net.pods().stream()
          .filter(pod -> pod.namespace().equals(p.namespace()))
          .filter(pod -> p.object().name().equals(pod.labels().get("prometheus")))
          .filter(pod -> "prometheus".equals(pod.labels().get("app.kubernetes.io/name")))
          .toList();
    }

    /**
     * Whether a Prometheus selects a monitor, as the operator decides: an unset selector selects
     * none, an empty one all; an unset namespace selector means the Prometheus's own namespace.
     */
    boolean selects(RenderedObject prometheus, RenderedObject monitor) {
      String prefix = monitor.isKind("ServiceMonitor") ? "serviceMonitor" : "podMonitor";
      Map<String, Object> spec = Plain.map(prometheus.content().get("spec"));
      if (!spec.containsKey(prefix + "Selector")) {
        return false;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      Plain.map(Plain.dig(monitor.content(), List.of("metadata", "labels")))
          .forEach((k, v) -> labels.put(k, String.valueOf(v)));
      if (!LabelSelector.of(spec.get(prefix + "Selector")).matches(labels)) {
        return false;
      }
      String monitorNs = monitor.namespace();
      if (!spec.containsKey(prefix + "NamespaceSelector")) {
        return monitorNs.equals(prometheus.namespace());
      }
      return LabelSelector.of(spec.get(prefix + "NamespaceSelector"))
          .matches(
              net.namespaceLabels()
                  .getOrDefault(monitorNs, Map.of("kubernetes.io/metadata.name", monitorNs)));
    }

    /** Namespaces a monitor looks in: any, the named ones, or its own. */
    List<String> targetNamespaces(RenderedObject monitor, Map<String, Object> spec) {
      Map<String, Object> sel = Plain.map(spec.get("namespaceSelector"));
      if (Boolean.TRUE.equals(sel.get("any"))) {
        List<String> all = new ArrayList<>(net.namespaces());
        file.unrendered().forEach(u -> all.add(u.namespace()));
        return all.stream().distinct().toList();
      }
      List<String> names = Plain.strings(sel.get("matchNames"));
      return names.isEmpty() ? List.of(monitor.namespace()) : names;
    }

    void monitor(RenderedObject prometheus, RenderedObject monitor) {
      List<Endpoint.Pod> sources = prometheusPods(prometheus);
      Map<String, Object> spec = Plain.map(monitor.content().get("spec"));
      LabelSelector selector = LabelSelector.of(spec.get("selector"));
      List<String> namespaces = targetNamespaces(monitor, spec);
      String why = "Prometheus scrapes " + monitor.object().describe();
      boolean service = monitor.isKind("ServiceMonitor");
      List<Object> endpoints = Plain.list(spec.get(service ? "endpoints" : "podMetricsEndpoints"));
      boolean found = false;
      if (service) {
        for (RenderedNetwork.Service s : net.services()) {
          if (namespaces.contains(s.namespace()) && selector.matches(s.labels())) {
            found = true;
            for (Object e : endpoints) {
              Map<String, Object> ep = Plain.map(e);
              Object target = ep.get("targetPort");
              if (ep.get("port") != null) {
                Optional<RenderedNetwork.ServicePort> sp =
                    s.ports().stream()
                        .filter(p -> String.valueOf(ep.get("port")).equals(p.name()))
                        .findFirst();
                if (sp.isEmpty()) {
                  continue; // the operator skips a Service without the named port
                }
                target = sp.get().targetPort() == null ? sp.get().port() : sp.get().targetPort();
              }
              toService(why, sources, s, target, at(monitor));
            }
          }
        }
      } else {
        for (Endpoint.Pod pod : net.pods()) {
          if (namespaces.contains(pod.namespace()) && selector.matches(pod.labels())) {
            found = true;
            for (Object target : targets(endpoints, "portNumber")) {
              toPod(why, sources, pod, target, at(monitor));
            }
          }
        }
      }
      for (FlowFile.Unrendered u : file.unrendered()) {
        if (namespaces.contains(u.namespace()) && selector.matches(u.labels())) {
          found = true;
          for (Object target : targets(endpoints, "targetPort")) {
            toUnrendered(why, sources, u, target, at(monitor));
          }
        }
      }
      if (!found) {
        nothingSelected(
            at(monitor),
            "selects nothing to scrape in "
                + namespaces
                + " ("
                + selector
                + "): no "
                + (service ? "Service" : "pod")
                + " of the render");
      }
    }

    /** Each endpoint's port: the {@code port} name, else the number under {@code numberKey}. */
    static List<Object> targets(List<Object> endpoints, String numberKey) {
      return endpoints.stream()
          .map(Plain::map)
          .map(ep -> ep.get("port") != null ? ep.get("port") : ep.get(numberKey))
          .toList();
    }

    /** To a Service's pods on a target port (number, pod port name, or the Service port). */
    void toService(
        String why,
        List<? extends Endpoint> sources,
        RenderedNetwork.Service s,
        Object target,
        Function<String, Problem> origin) {
      List<Endpoint.Pod> pods =
          s.selector().isEmpty()
              ? List.of()
              : net.pods().stream()
                  .filter(p -> p.namespace().equals(s.namespace()))
                  .filter(p -> LabelSelector.equalTo(s.selector()).matches(p.labels()))
                  .toList();
      pods.forEach(p -> toPod(why, sources, p, target, origin));
      boolean unrendered = false;
      for (FlowFile.Unrendered u : file.unrendered()) {
        if (u.namespace().equals(s.namespace())
            && !s.selector().isEmpty()
            && LabelSelector.equalTo(s.selector()).matches(u.labels())) {
          unrendered = true;
          toUnrendered(why, sources, u, target, origin);
        }
      }
      if (pods.isEmpty() && !unrendered) {
        nothingSelected(
            origin, "Service " + s.namespace() + "/" + s.name() + " selects no pod of the render");
      }
    }

    /**
     * A selector that matches nothing rendered, nor anything the flows file declares unrendered.
     */
    void nothingSelected(Function<String, Problem> origin, String what) {
      problems.add(
          origin.apply(
              what + ", and nothing " + file.file().getFileName() + " declares under unrendered"));
    }

    void toPod(
        String why,
        List<? extends Endpoint> sources,
        Endpoint.Pod pod,
        Object target,
        Function<String, Problem> origin) {
      Optional<Endpoint.ContainerPort> port = resolve(pod.ports(), target);
      if (port.isEmpty()) {
        problems.add(origin.apply("pod " + pod.describe() + " has no container port " + target));
        return;
      }
      sources.forEach(src -> add(why, src, pod, port.get().port(), port.get().protocol(), origin));
    }

    void toUnrendered(
        String why,
        List<? extends Endpoint> sources,
        FlowFile.Unrendered u,
        Object target,
        Function<String, Problem> origin) {
      if (u.absent().isPresent()) {
        return; // declared as not running on AKS, with the reason in the flows file
      }
      Optional<Endpoint.ContainerPort> port = resolve(u.ports(), target);
      if (port.isEmpty()) {
        problems.add(
            new Problem(
                u.node().file(),
                u.node().line(),
                "["
                    + env
                    + "] "
                    + u.namespace()
                    + " "
                    + u.labels()
                    + " declares no port "
                    + target));
        return;
      }
      Endpoint to =
          u.outside().isPresent() ? file.outside().get(u.outside().get()) : unrenderedPod(u);
      sources.forEach(src -> add(why, src, to, port.get().port(), port.get().protocol(), origin));
    }

    /** The pod an unrendered entry stands for, in its namespace as the render labels it. */
    Endpoint.Pod unrenderedPod(FlowFile.Unrendered u) {
      return new Endpoint.Pod(
          u.namespace(),
          u.labels().values().iterator().next(),
          u.labels(),
          net.namespaceLabels()
              .getOrDefault(u.namespace(), Map.of("kubernetes.io/metadata.name", u.namespace())),
          u.ports(),
          false);
    }

    /** A port by number (any declared protocol, else TCP) or by name. */
    static Optional<Endpoint.ContainerPort> resolve(
        List<Endpoint.ContainerPort> ports, Object target) {
      if (target == null) {
        return Optional.empty();
      }
      String text = String.valueOf(target);
      if (text.matches("\\d+")) {
        int number = Integer.parseInt(text);
        return Optional.of(
            ports.stream()
                .filter(p -> p.port() == number)
                .findFirst()
                .orElse(new Endpoint.ContainerPort(null, number, "TCP")));
      }
      return ports.stream().filter(p -> text.equals(p.name())).findFirst();
    }

    /** Prometheus to its Alertmanagers and to the in-cluster Services it remote-writes to. */
    void prometheusPeers(RenderedObject prometheus) {
      List<Endpoint.Pod> sources = prometheusPods(prometheus);
      Map<String, Object> spec = Plain.map(prometheus.content().get("spec"));
      for (Object a : Plain.list(Plain.dig(spec, List.of("alerting", "alertmanagers")))) {
        Map<String, Object> am = Plain.map(a);
        String ns =
            am.get("namespace") == null
                ? prometheus.namespace()
                : String.valueOf(am.get("namespace"));
        service(ns, String.valueOf(am.get("name")), prometheus)
            .ifPresent(
                s ->
                    s.ports().stream()
                        .filter(
                            p ->
                                String.valueOf(am.get("port")).equals(p.name())
                                    || String.valueOf(am.get("port"))
                                        .equals(String.valueOf(p.port())))
                        .findFirst()
                        .ifPresent(
                            p ->
                                toService(
                                    "Prometheus sends alerts to " + s.name(),
                                    sources,
                                    s,
                                    p.targetPort() == null ? p.port() : p.targetPort(),
                                    at(prometheus))));
      }
      for (Object w : Plain.list(spec.get("remoteWrite"))) {
        clusterService(String.valueOf(Plain.map(w).get("url")), prometheus)
            .ifPresent(
                t ->
                    toService(
                        "Prometheus remote-writes to " + t.service().name(),
                        sources,
                        t.service(),
                        t.target(),
                        at(prometheus)));
      }
    }

    record Target(RenderedNetwork.Service service, Object target) {}

    /** The Service a URL of the form http://name.namespace.svc[...]:port/ names, if any. */
    Optional<Target> clusterService(String url, RenderedObject from) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (uri.getHost() == null || !uri.getHost().contains(".svc")) {
        return Optional.empty(); // outside the cluster: not a pod-to-pod flow
      }
      String[] parts = uri.getHost().split("\\.");
      int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      return service(parts[1], parts[0], from)
          .flatMap(
              s ->
                  s.ports().stream()
                      .filter(p -> p.port() == port)
                      .findFirst()
                      .map(p -> new Target(s, p.targetPort() == null ? p.port() : p.targetPort())));
    }

    Optional<RenderedNetwork.Service> service(String ns, String name, RenderedObject from) {
      Optional<RenderedNetwork.Service> s =
          net.services().stream()
              .filter(x -> x.namespace().equals(ns) && x.name().equals(name))
              .findFirst();
      if (s.isEmpty()) {
        problems.add(
            from.problem(
                env, "names Service " + ns + "/" + name + ", which the render does not create"));
      }
      return s;
    }

    /** Grafana's pods: the grafana chart labels them app.kubernetes.io/name=grafana. */
    List<Endpoint.Pod> grafanaPods() {
      return net.pods().stream()
          .filter(p -> "grafana".equals(p.labels().get("app.kubernetes.io/name")))
          .toList();
    }

    /**
     * Grafana to each data source a provisioning file of this ConfigMap or Secret names by an
     * in-cluster URL (name, name.namespace or name.namespace.svc[.cluster.local], port from the URL
     * or its scheme). A URL outside the cluster is not a pod-to-pod flow.
     */
    void dataSources(RenderedObject o) {
      Map<String, String> labels = new LinkedHashMap<>();
      Plain.map(Plain.dig(o.content(), List.of("metadata", "labels")))
          .forEach((k, v) -> labels.put(k, String.valueOf(v)));
      Map<String, String> files = new LinkedHashMap<>();
      Plain.map(o.content().get("data"))
          .forEach(
              (k, v) ->
                  files.put(
                      k, o.isKind("Secret") ? decoded(String.valueOf(v)) : String.valueOf(v)));
      Plain.map(o.content().get("stringData")).forEach((k, v) -> files.put(k, String.valueOf(v)));
      boolean labelled = labels.containsKey("grafana_datasource");
      List<Endpoint.Pod> sources = null;
      for (Map.Entry<String, String> f : files.entrySet()) {
        if (!labelled && !f.getKey().equals("datasources.yaml")
            || !(f.getKey().endsWith(".yaml") || f.getKey().endsWith(".yml"))) {
          continue;
        }
        Object parsed;
        try {
          parsed =
              io.github.aksdevsecops.bootstrap.assets.YamlFiles.parseOne(o.origin(), f.getValue())
                  .toPlain();
        } catch (io.github.aksdevsecops.bootstrap.model.InvalidInputException e) {
          problems.add(
              o.problem(
                  env, f.getKey() + " is not a Grafana provisioning file: " + e.getMessage()));
          continue;
        }
        for (Object d : Plain.list(Plain.map(parsed).get("datasources"))) {
          Map<String, Object> ds = Plain.map(d);
          if (ds.get("url") == null) {
            continue;
          }
          if (sources == null) {
            sources = grafanaPods();
          }
          String name = String.valueOf(ds.get("name"));
          String url = String.valueOf(ds.get("url"));
          List<Endpoint.Pod> from = sources;
          inCluster(url, o)
              .ifPresent(
                  t ->
                      toService(
                          "Grafana's data source "
                              + name
                              + " ("
                              + url
                              + ") queries "
                              + t.service().name(),
                          from,
                          t.service(),
                          t.target(),
                          at(o)));
        }
      }
    }

    private static String decoded(String base64) {
      try {
        return new String(
            java.util.Base64.getMimeDecoder().decode(base64),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }

    /** The Service of an in-cluster URL, with the target port of the URL's port. */
    Optional<Target> inCluster(String url, RenderedObject from) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      String host = uri.getHost();
      if (host == null) {
        return Optional.empty();
      }
      String[] parts = host.split("\\.");
      boolean cluster =
          parts.length == 1
              || parts.length == 2 && namespaceKnown(parts[1])
              || parts.length >= 3 && parts[2].equals("svc");
      if (!cluster) {
        return Optional.empty();
      }
      String ns = parts.length == 1 ? from.namespace() : parts[1];
      int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      Optional<RenderedNetwork.Service> s = service(ns, parts[0], from);
      if (s.isEmpty()) {
        return Optional.empty();
      }
      Optional<Target> t =
          s.get().ports().stream()
              .filter(p -> p.port() == port)
              .findFirst()
              .map(p -> new Target(s.get(), p.targetPort() == null ? p.port() : p.targetPort()));
      if (t.isEmpty()) {
        problems.add(
            from.problem(
                env,
                "names " + url + ", but Service " + ns + "/" + parts[0] + " has no port " + port));
      }
      return t;
    }

    boolean namespaceKnown(String ns) {
      return net.namespaces().contains(ns)
          || net.services().stream().anyMatch(x -> x.namespace().equals(ns));
    }

    /** The control plane calls each webhook Service on its port (443 when unset). */
    void webhooks(RenderedObject config) {
      Endpoint caller = file.outside().get(CONTROL_PLANE);
      for (Object w : Plain.list(config.content().get("webhooks"))) {
        Map<String, Object> svc = Plain.map(Plain.dig(w, List.of("clientConfig", "service")));
        if (svc.isEmpty()) {
          continue; // a URL webhook is called outside the cluster
        }
        if (caller == null) {
          problems.add(
              new Problem(
                  file.file(),
                  0,
                  "["
                      + env
                      + "] no outside endpoint named "
                      + CONTROL_PLANE
                      + " for webhook calls"));
          return;
        }
        int port = svc.get("port") instanceof Number n ? n.intValue() : 443;
        service(String.valueOf(svc.get("namespace")), String.valueOf(svc.get("name")), config)
            .ifPresent(
                s ->
                    s.ports().stream()
                        .filter(p -> p.port() == port)
                        .findFirst()
                        .ifPresent(
                            p ->
                                toService(
                                    "the API server calls webhook " + Plain.map(w).get("name"),
                                    List.of(caller),
                                    s,
                                    p.targetPort() == null ? p.port() : p.targetPort(),
                                    at(config))));
      }
    }

    void declared(FlowFile.Declared d) {
      Function<String, Problem> origin =
          m ->
              new Problem(
                  d.node().file(), d.node().line(), "[" + env + "] flow '" + d.why() + "': " + m);
      List<Endpoint> sources = ends(d.from(), origin, "from");
      if (d.to() instanceof FlowFile.Out out) {
        Endpoint to = file.outside().get(out.name());
        int port = (Integer) d.port();
        sources.forEach(src -> add(d.why(), src, to, port, d.protocol(), origin));
        return;
      }
      for (Endpoint to : ends(d.to(), origin, "to")) {
        Endpoint.Pod pod = (Endpoint.Pod) to;
        Object target = d.port();
        Optional<Endpoint.ContainerPort> port =
            String.valueOf(target).matches("\\d+")
                ? Optional.of(
                    new Endpoint.ContainerPort(
                        null, Integer.parseInt(String.valueOf(target)), d.protocol()))
                : pod.port(String.valueOf(target));
        if (port.isEmpty()) {
          problems.add(origin.apply("pod " + pod.describe() + " has no container port " + target));
          continue;
        }
        sources.forEach(
            src -> add(d.why(), src, pod, port.get().port(), port.get().protocol(), origin));
      }
    }

    /** The endpoints a declared end selects: render pods (not host-network) and unrendered pods. */
    List<Endpoint> ends(FlowFile.End end, Function<String, Problem> origin, String side) {
      if (end instanceof FlowFile.Out out) {
        return List.of(file.outside().get(out.name()));
      }
      FlowFile.Pods sel = (FlowFile.Pods) end;
      List<Endpoint> result = new ArrayList<>();
      for (Endpoint.Pod p : net.pods()) {
        boolean inNamespace = sel.namespace().map(p.namespace()::equals).orElse(true);
        if (inNamespace
            && !p.hostNetwork()
            && LabelSelector.equalTo(sel.labels()).matches(p.labels())) {
          result.add(p);
        }
      }
      for (FlowFile.Unrendered u : file.unrendered()) {
        boolean inNamespace = sel.namespace().map(u.namespace()::equals).orElse(false);
        if (inNamespace
            && u.outside().isEmpty()
            && u.absent().isEmpty()
            && LabelSelector.equalTo(sel.labels()).matches(u.labels())) {
          result.add(unrenderedPod(u));
        }
      }
      if (result.isEmpty()) {
        problems.add(
            origin.apply(
                side
                    + " selects no pod of the render "
                    + sel.namespace().map(n -> "in " + n + " ").orElse("")
                    + sel.labels()));
      }
      return result;
    }
  }
}
