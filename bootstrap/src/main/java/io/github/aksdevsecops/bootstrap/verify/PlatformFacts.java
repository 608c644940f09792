package io.github.aksdevsecops.bootstrap.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the repository says the cluster of one environment has, read once by {@link FactsReader}:
 * the probes attack these names, never ones written into the code.
 */
public record PlatformFacts(
    String environment,
    String manifests,
    Set<String> components,
    Map<String, Policy> policies,
    List<String> restrictedNamespaces,
    Monitoring monitoring,
    Optional<Service> service,
    Optional<Falco> falco,
    Optional<GitOps> gitops,
    ClusterFacts cluster) {

  public PlatformFacts {
    components = Set.copyOf(components);
    policies = Map.copyOf(policies);
    restrictedNamespaces = List.copyOf(restrictedNamespaces);
  }

  public boolean enabled(String component) {
    return components.contains(component);
  }

  /** A Kyverno ClusterPolicy as the environment's manifests declare it. */
  public record Policy(
      String name,
      boolean enforced,
      List<String> rules,
      List<String> imagePatterns,
      List<String> verifiedImages) {
    public Policy {
      rules = List.copyOf(rules);
      imagePatterns = List.copyOf(imagePatterns);
      verifiedImages = List.copyOf(verifiedImages);
    }
  }

  /**
   * The observability stores, the Prometheus job of the service, the SLO recording rules and the
   * receivers the Alertmanager routes name.
   */
  public record Monitoring(
      Optional<Endpoint> prometheus,
      Optional<Endpoint> alertmanager,
      Optional<Endpoint> loki,
      Optional<Endpoint> tempo,
      List<String> sloRecords,
      List<String> receivers,
      String lokiNamespaceLabel) {
    public Monitoring {
      sloRecords = List.copyOf(sloRecords);
      receivers = List.copyOf(receivers);
    }
  }

  /** The service an Argo CD Application delivers, with its ingress when it has one. */
  public record Service(
      String name,
      String namespace,
      Endpoint http,
      Endpoint management,
      String serviceAccount,
      Map<String, String> selector,
      List<String> declaredSecrets,
      String job,
      Optional<Ingress> ingress) {
    public Service {
      selector = Map.copyOf(selector);
      declaredSecrets = List.copyOf(declaredSecrets);
    }
  }

  /** The public entry point: host, certificate issuer and secret, WAF and response headers. */
  public record Ingress(
      String host,
      String path,
      String issuer,
      String tlsSecret,
      boolean waf,
      Endpoint controller,
      Map<String, String> headers) {
    public Ingress {
      headers = Map.copyOf(headers);
    }

    /** curl options that send a request for {@code host} to the controller's Service. */
    public List<String> route() {
      return List.of("--connect-to", host + ":443:" + controller.host() + ":" + controller.port());
    }

    public String url(String pathAndQuery) {
      return "https://" + host + pathAndQuery;
    }
  }

  /** The platform's Falco rules: the tags of each rule and the items of each list. */
  public record Falco(
      String rulesFile, Map<String, List<String>> tags, Map<String, List<String>> lists) {
    public Falco {
      tags = Map.copyOf(tags);
      lists = Map.copyOf(lists);
    }
  }

  /** The Argo CD project of the service and the Applications of this environment. */
  public record GitOps(
      String namespace,
      String project,
      List<String> destinationNamespaces,
      String sourceRepo,
      String sourcePath,
      List<String> applications) {
    public GitOps {
      destinationNamespaces = List.copyOf(destinationNamespaces);
      applications = List.copyOf(applications);
    }
  }
}
