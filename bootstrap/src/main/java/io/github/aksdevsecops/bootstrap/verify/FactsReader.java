package io.github.aksdevsecops.bootstrap.verify;

import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.at;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.items;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.name;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.text;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the facts the probes attack from the repository: the catalog and environment file (which
 * components run), the manifests the environment gets (each switched-on manifests component
 * rendered with kubectl kustomize through its overlay for the environment, as apply renders it),
 * the service its Argo CD Application delivers, chart values and the Falco rules. Service names of
 * charts follow each chart's own naming (cited where used), fed with the release and values of the
 * catalog.
 */
public record FactsReader(Path root, Catalog catalog, Environment env, Renderer renderer) {
  static final String OVERLAYS = "kubernetes/overlays";

  /** Where the Alertmanager configuration is kept (observability/prometheus/values.yaml). */
  static final String ALERTMANAGER_CONFIG = "observability/alertmanager/alertmanager.yaml";

  static final Duration RENDER_TIMEOUT = Duration.ofMinutes(2);

  /** Renders a kustomization directory to YAML. */
  @FunctionalInterface
  public interface Renderer {
    String render(Path directory) throws InterruptedException;
  }

  /** kubectl kustomize, with a timeout; its stderr tail becomes the error. */
  public static Renderer kustomize(ProcessRunner runner, Path root) {
    return directory -> {
      ProcessRunner.Result r;
      try {
        r =
            runner.run(
                ProcessRunner.Command.of(
                        List.of("kubectl", "kustomize", directory.toString()), root, RENDER_TIMEOUT)
                    .capturing());
      } catch (ProcessRunner.ToolMissingException e) {
        throw new UnexpectedStateException(
            "kubectl is needed to render the environment's manifests: " + e.getMessage());
      }
      if (r.exitCode() != 0) {
        throw new InvalidInputException(
            new Problem(
                directory.resolve("kustomization.yaml"),
                0,
                "kubectl kustomize failed: " + String.join(" / ", r.tail())));
      }
      return r.output();
    };
  }

  public static PlatformFacts read(Path root, Catalog catalog, Environment env, Renderer renderer)
      throws InterruptedException {
    return new FactsReader(root, catalog, env, renderer).read();
  }

  private PlatformFacts read() throws InterruptedException {
    Set<String> enabled = new LinkedHashSet<>();
    for (Component c : catalog.components()) {
      if (env.enables(c.id())) {
        enabled.add(c.id());
      }
    }
    RenderedObjects platform = new RenderedObjects();
    Map<String, List<YamlNode>> byComponent = new LinkedHashMap<>();
    boolean overlaid = false;
    for (Component c : catalog.components()) {
      if (enabled.contains(c.id()) && c.spec() instanceof ComponentSpec.Manifests m) {
        List<YamlNode> docs = render(m.path(env));
        byComponent.put(c.id(), docs);
        platform.add(docs);
        overlaid |= m.overlay().isPresent();
      }
    }
    List<YamlNode> applications = platform.ofKind("Application");
    Optional<PlatformFacts.Service> service =
        applications.isEmpty()
            ? Optional.empty()
            : Optional.of(service(applications.get(0), platform));
    return new PlatformFacts(
        env.name(),
        overlaid
            ? "the catalog's manifests through " + OVERLAYS + "/" + env.name()
            : "the catalog's manifests",
        enabled,
        policies(platform),
        restrictedNamespaces(platform),
        monitoring(platform),
        service,
        falco(),
        gitops(platform, applications),
        ClusterFactsReader.read(catalog, env, byComponent, platform));
  }

  private List<YamlNode> render(String path) throws InterruptedException {
    Path dir = root.resolve(path);
    return YamlFiles.parse(dir.resolve("kustomization.yaml"), renderer.render(dir));
  }

  // ---- admission ---------------------------------------------------------------------------

  private static Map<String, PlatformFacts.Policy> policies(RenderedObjects platform) {
    Map<String, PlatformFacts.Policy> result = new LinkedHashMap<>();
    for (YamlNode policy : platform.ofKind("ClusterPolicy")) {
      YamlNode spec = policy.required("spec");
      String fallback = text(spec, "validationFailureAction").orElse("Audit");
      boolean enforced = true;
      List<String> patterns = new ArrayList<>();
      List<String> verified = new ArrayList<>();
      List<String> rules = new ArrayList<>();
      for (YamlNode rule : items(spec, "rules")) {
        text(rule, "name").ifPresent(rules::add);
        Optional<YamlNode> validate = at(rule, "validate");
        if (validate.isPresent()) {
          enforced &= enforce(text(validate.get(), "failureAction").orElse(fallback));
          patterns.addAll(RenderedObjects.scalarsNamed(validate.get(), "image"));
        }
        for (YamlNode verify : items(rule, "verifyImages")) {
          enforced &= enforce(text(verify, "failureAction").orElse(fallback));
          items(verify, "imageReferences").forEach(r -> verified.add(r.text()));
        }
      }
      result.put(
          name(policy),
          new PlatformFacts.Policy(name(policy), enforced, rules, patterns, verified));
    }
    return result;
  }

  private static boolean enforce(String action) {
    return "enforce".equals(action.toLowerCase(Locale.ROOT));
  }

  private static List<String> restrictedNamespaces(RenderedObjects platform) {
    List<String> result = new ArrayList<>();
    for (YamlNode ns : platform.ofKind("Namespace")) {
      if ("restricted"
          .equals(RenderedObjects.labels(ns).get("pod-security.kubernetes.io/enforce"))) {
        result.add(name(ns));
      }
    }
    return result;
  }

  // ---- observability -----------------------------------------------------------------------

  private PlatformFacts.Monitoring monitoring(RenderedObjects platform) {
    Optional<ComponentSpec.Helm> stack = helm("observability");
    // kube-prometheus-stack 70.4.2 templates/prometheus/service.yaml and alertmanager/service.yaml:
    // "<fullname>-prometheus" and "<fullname>-alertmanager" on prometheus.service.port (9090) and
    // alertmanager.service.port (9093).
    Optional<Endpoint> prometheus =
        stack.map(h -> new Endpoint(h.namespace(), fullname(h) + "-prometheus", 9090));
    Optional<Endpoint> alertmanager =
        stack.map(h -> new Endpoint(h.namespace(), fullname(h) + "-alertmanager", 9093));
    // loki 6.29.0 templates/gateway/service-gateway.yaml: "<fullname>-gateway" on
    // gateway.service.port (80).
    Optional<Endpoint> loki =
        helm("loki")
            .map(
                h ->
                    new Endpoint(
                        h.namespace(),
                        fullname(h) + "-gateway",
                        integer(values(h), 80, "gateway", "service", "port")));
    // tempo 1.21.0 templates/service.yaml: "<fullname>" on tempo.server.http_listen_port (3100).
    Optional<Endpoint> tempo =
        helm("tempo")
            .map(
                h ->
                    new Endpoint(
                        h.namespace(),
                        fullname(h),
                        integer(values(h), 3100, "tempo", "server", "http_listen_port")));
    List<String> slo = new ArrayList<>();
    for (YamlNode rule : platform.ofKind("PrometheusRule")) {
      if ("slo".equals(RenderedObjects.labels(rule).get("app.kubernetes.io/component"))) {
        for (YamlNode group : items(rule, "spec", "groups")) {
          for (YamlNode r : items(group, "rules")) {
            text(r, "record").ifPresent(slo::add);
          }
        }
      }
    }
    return new PlatformFacts.Monitoring(
        prometheus, alertmanager, loki, tempo, slo, receivers(), lokiNamespaceLabel());
  }

  private List<String> receivers() {
    Path file = root.resolve(ALERTMANAGER_CONFIG);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    at(YamlFiles.readOne(file), "route").ifPresent(route -> routeReceivers(route, names));
    return List.copyOf(names);
  }

  /** Every receiver a route tree names, depth first. */
  public static void routeReceivers(YamlNode route, Set<String> names) {
    text(route, "receiver").ifPresent(names::add);
    for (YamlNode child : items(route, "routes")) {
      routeReceivers(child, names);
    }
  }

  /** The Loki label Fluent Bit gives a log line's namespace (its label map), else "namespace". */
  private String lokiNamespaceLabel() {
    return helm("fluent-bit")
        .flatMap(h -> text(values(h), "extraFiles", "loki-labelmap.json"))
        .map(Json::readTree)
        .map(n -> n.path("kubernetes").path("namespace_name"))
        .filter(JsonNode::isString)
        .map(JsonNode::asString)
        .orElse("namespace");
  }

  // ---- the service -------------------------------------------------------------------------

  private PlatformFacts.Service service(YamlNode application, RenderedObjects platform)
      throws InterruptedException {
    YamlNode spec = application.required("spec");
    String path = spec.required("source").required("path").relativePath();
    String namespace = spec.required("destination").requiredText("namespace");
    RenderedObjects app = new RenderedObjects();
    app.add(render(path));
    List<YamlNode> workloads = new ArrayList<>(app.ofKind("Deployment"));
    workloads.addAll(app.ofKind("Rollout"));
    if (workloads.isEmpty()) {
      throw application.error(path + " declares no Deployment or Rollout");
    }
    YamlNode workload = workloads.get(0);
    YamlNode template = workload.required("spec").required("template");
    Map<String, String> selector =
        at(workload, "spec", "selector")
            .map(s -> RenderedObjects.map(s, "matchLabels"))
            .orElse(Map.of());
    List<YamlNode> services = app.ofKind("Service");
    Optional<YamlNode> ingress =
        platform.ofKind("Ingress").stream()
            .filter(i -> RenderedObjects.namespace(i).orElse("").equals(namespace))
            .findFirst();
    Optional<String> backend =
        ingress
            .flatMap(i -> items(i, "spec", "rules").stream().findFirst())
            .flatMap(r -> items(r, "http", "paths").stream().findFirst())
            .flatMap(p -> text(p, "backend", "service", "name"));
    Endpoint http =
        servicePort(services, namespace, backend, "http")
            .orElseThrow(() -> workload.error(path + " has no Service with a port named http"));
    Endpoint management =
        servicePort(services, namespace, Optional.empty(), "management")
            .orElseThrow(
                () -> workload.error(path + " has no Service with a port named management"));
    String name = name(workload);
    return new PlatformFacts.Service(
        name,
        namespace,
        http,
        management,
        text(template, "spec", "serviceAccountName").orElse("default"),
        selector,
        declaredSecrets(template),
        job(namespace, name),
        ingress.map(this::ingress));
  }

  private static Optional<Endpoint> servicePort(
      List<YamlNode> services, String namespace, Optional<String> serviceName, String portName) {
    for (YamlNode svc : services) {
      if (serviceName.isPresent() && !serviceName.get().equals(name(svc))) {
        continue;
      }
      for (YamlNode port : items(svc, "spec", "ports")) {
        if (text(port, "name").filter(portName::equals).isPresent()) {
          return Optional.of(new Endpoint(namespace, name(svc), port.required("port").integer()));
        }
      }
    }
    return Optional.empty();
  }

  /** Secrets a pod template mounts or reads: volumes, projected sources, env and envFrom. */
  static List<String> declaredSecrets(YamlNode template) {
    Set<String> names = new LinkedHashSet<>();
    YamlNode spec = template.required("spec");
    for (YamlNode volume : items(spec, "volumes")) {
      text(volume, "secret", "secretName").ifPresent(names::add);
      for (YamlNode source : items(volume, "projected", "sources")) {
        text(source, "secret", "name").ifPresent(names::add);
      }
    }
    List<YamlNode> containers = new ArrayList<>(items(spec, "containers"));
    containers.addAll(items(spec, "initContainers"));
    for (YamlNode c : containers) {
      for (YamlNode e : items(c, "env")) {
        text(e, "valueFrom", "secretKeyRef", "name").ifPresent(names::add);
      }
      for (YamlNode e : items(c, "envFrom")) {
        text(e, "secretRef", "name").ifPresent(names::add);
      }
    }
    return List.copyOf(names);
  }

  /** The Prometheus job of the service: its ServiceMonitor's relabelled job, else its name. */
  private String job(String namespace, String workload) {
    for (YamlNode monitor :
        helm("observability")
            .map(h -> items(values(h), "prometheus", "additionalServiceMonitors"))
            .orElse(List.of())) {
      boolean selects =
          items(monitor, "namespaceSelector", "matchNames").stream()
              .anyMatch(n -> n.text().equals(namespace));
      if (!selects) {
        continue;
      }
      for (YamlNode endpoint : items(monitor, "endpoints")) {
        for (YamlNode relabel : items(endpoint, "relabelings")) {
          if (text(relabel, "targetLabel").filter("job"::equals).isPresent()) {
            Optional<String> job = text(relabel, "replacement");
            if (job.isPresent()) {
              return job.get();
            }
          }
        }
      }
      return monitor.requiredText("name");
    }
    return workload;
  }

  private PlatformFacts.Ingress ingress(YamlNode ingress) {
    YamlNode rule =
        items(ingress, "spec", "rules").stream()
            .findFirst()
            .orElseThrow(() -> ingress.error("Ingress " + name(ingress) + " has no rules"));
    Map<String, String> annotations = RenderedObjects.annotations(ingress);
    ComponentSpec.Helm nginx =
        helm("ingress-nginx")
            .orElseThrow(() -> ingress.error("the catalog has no ingress-nginx component"));
    YamlNode values = values(nginx);
    // ingress-nginx 4.12.1 templates/_helpers.tpl ingress-nginx.controller.fullname:
    // "<fullname>-<controller.name>" (default "controller"), https on
    // controller.service.ports.https (443).
    Endpoint controller =
        new Endpoint(
            nginx.namespace(),
            fullname(nginx) + "-" + text(values, "controller", "name").orElse("controller"),
            integer(values, 443, "controller", "service", "ports", "https"));
    return new PlatformFacts.Ingress(
        rule.requiredText("host"),
        items(rule, "http", "paths").stream().findFirst().flatMap(p -> text(p, "path")).orElse("/"),
        annotations.getOrDefault("cert-manager.io/cluster-issuer", ""),
        items(ingress, "spec", "tls").stream()
            .findFirst()
            .flatMap(t -> text(t, "secretName"))
            .orElse(""),
        "true".equals(annotations.get("nginx.ingress.kubernetes.io/enable-modsecurity")),
        controller,
        headers(values));
  }

  /** Response headers the controller adds, plus HSTS when switched on (ConfigMap keys hsts*). */
  private static Map<String, String> headers(YamlNode values) {
    Map<String, String> expected =
        new LinkedHashMap<>(
            at(values, "controller", "addHeaders").map(YamlNode::textMap).orElse(Map.of()));
    Optional<YamlNode> config = at(values, "controller", "config");
    if (config.flatMap(c -> text(c, "hsts")).orElse("true").equals("true")) {
      // ingress-nginx's ConfigMap default hsts-max-age is 31536000 (one year).
      String maxAge = config.flatMap(c -> text(c, "hsts-max-age")).orElse("31536000");
      expected.put("Strict-Transport-Security", "max-age=" + maxAge);
    }
    return expected;
  }

  // ---- Falco and Argo CD -------------------------------------------------------------------

  private Optional<PlatformFacts.Falco> falco() {
    Optional<ComponentSpec.Helm> falco = helm("falco");
    if (falco.isEmpty() || falco.get().fileValues().isEmpty()) {
      return Optional.empty();
    }
    String file = falco.get().fileValues().get(0).file();
    Map<String, List<String>> tags = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (YamlNode doc : YamlFiles.readAll(root.resolve(file))) {
      for (YamlNode entry : doc.isSequence() ? doc.items() : List.<YamlNode>of()) {
        text(entry, "rule")
            .ifPresent(
                r -> tags.put(r, items(entry, "tags").stream().map(YamlNode::text).toList()));
        text(entry, "list")
            .ifPresent(
                l -> lists.put(l, items(entry, "items").stream().map(YamlNode::text).toList()));
      }
    }
    return Optional.of(new PlatformFacts.Falco(file, tags, lists));
  }

  private static Optional<PlatformFacts.GitOps> gitops(
      RenderedObjects platform, List<YamlNode> applications) {
    List<YamlNode> projects = platform.ofKind("AppProject");
    if (projects.isEmpty()) {
      return Optional.empty();
    }
    YamlNode project = projects.get(0);
    List<String> destinations = new ArrayList<>();
    for (YamlNode d : items(project, "spec", "destinations")) {
      text(d, "namespace").ifPresent(destinations::add);
    }
    String repo =
        items(project, "spec", "sourceRepos").stream()
            .findFirst()
            .map(YamlNode::text)
            .orElseThrow(
                () -> project.error("AppProject " + name(project) + " has no sourceRepos"));
    String path =
        applications.stream()
            .findFirst()
            .flatMap(a -> text(a, "spec", "source", "path"))
            .orElse("kubernetes/base");
    return Optional.of(
        new PlatformFacts.GitOps(
            RenderedObjects.namespace(project).orElse("argocd"),
            name(project),
            destinations,
            repo,
            path,
            applications.stream().map(RenderedObjects::name).toList()));
  }

  // ---- charts ------------------------------------------------------------------------------

  private Optional<ComponentSpec.Helm> helm(String id) {
    return catalog
        .find(id)
        .map(Component::spec)
        .filter(ComponentSpec.Helm.class::isInstance)
        .map(ComponentSpec.Helm.class::cast);
  }

  private YamlNode values(ComponentSpec.Helm helm) {
    return YamlFiles.readOne(root.resolve(helm.values()));
  }

  /** Helm's usual fullname: fullnameOverride, else the release if it contains the chart name. */
  private String fullname(ComponentSpec.Helm helm) {
    Optional<String> override = text(values(helm), "fullnameOverride");
    if (override.isPresent()) {
      return override.get();
    }
    return helm.release().contains(helm.chart())
        ? helm.release()
        : helm.release() + "-" + helm.chart();
  }

  private static int integer(YamlNode values, int fallback, String... keys) {
    return at(values, keys).filter(YamlNode::isScalar).map(YamlNode::integer).orElse(fallback);
  }
}
