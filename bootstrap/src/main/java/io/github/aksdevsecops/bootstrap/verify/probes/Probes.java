package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.Needs;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The probes of {@code bootstrap verify}, in the order they run: the data (ids, the policy and rule
 * each admission probe breaks and how, the endpoints to isolate) next to the classes that act on
 * it. Admission probes come first: they need no Pod, which gives the probe Pods time to start.
 */
public final class Probes {
  private Probes() {}

  public static List<Probe> standard() {
    return List.of(
        admission(
            "admission.privileged",
            "disallow-privilege-escalation",
            "no-privileged",
            "runs a privileged container",
            (pod, policy) -> {
              var sc = AdmissionProbe.container(pod).getSecurityContext();
              sc.setPrivileged(true);
              // privileged with allowPrivilegeEscalation false is invalid before admission.
              sc.setAllowPrivilegeEscalation(null);
            }),
        admission(
            "admission.privilege-escalation",
            "disallow-privilege-escalation",
            "no-privilege-escalation",
            "allows privilege escalation",
            (pod, policy) ->
                AdmissionProbe.container(pod)
                    .getSecurityContext()
                    .setAllowPrivilegeEscalation(true)),
        admission(
            "admission.image-digest",
            "require-image-digest",
            "require-digest",
            "names its image by tag",
            (pod, policy) -> setImage(pod, new ProbeImage(image(pod)).byTag())),
        admission(
            "admission.registry",
            "restrict-image-registries",
            "environment-acr-only",
            "pulls from a registry outside the allow-list",
            (pod, policy) -> setImage(pod, new ProbeImage(image(pod)).foreignRegistry())),
        admission(
            "admission.requests-limits",
            "require-requests-limits",
            "requests-and-limits",
            "declares no requests and limits",
            (pod, policy) -> AdmissionProbe.container(pod).setResources(null)),
        admission(
            "admission.run-as-non-root",
            "require-run-as-non-root",
            "run-as-non-root",
            "does not require a non-root user",
            (pod, policy) -> {
              pod.getSpec().getSecurityContext().setRunAsNonRoot(null);
              AdmissionProbe.container(pod).getSecurityContext().setRunAsNonRoot(null);
            }),
        admission(
            "admission.signature",
            "verify-image-signatures",
            "verify-environment-registry-signatures",
            "runs an unsigned image from the environment's registry",
            (pod, policy) -> setImage(pod, unsigned(policy))),
        new Probe(
            "pod-security.host-access",
            "Pod Security Admission, enforce restricted (kubernetes/base/namespaces.yaml)",
            Needs.of("base"),
            new PodSecurityProbe()),
        new Probe(
            "rbac.human-access",
            "the read-only roles people are bound to, and nothing more"
                + " (kubernetes/base/rbac.yaml, kubernetes/overlays/ENV/base)",
            Needs.of("base"),
            new RbacProbe()),
        new Probe(
            "platform.objects",
            "every object of the environment's manifests steps and every chart's Helm release is"
                + " in the cluster (bootstrap/catalog.yaml)",
            Needs.of(),
            new ObjectsPresentProbe()),
        new Probe(
            "network.dns",
            "DNS resolution from a Pod through CoreDNS (allow-dns-egress in"
                + " kubernetes/security/network-policies)",
            Needs.of().fromPod(),
            new DnsProbe()),
        new Probe(
            "network.app-isolated",
            "default-deny-all and the service's allows (kubernetes/security/network-policies)",
            Needs.of("network-policies").andService().fromPod(),
            new IsolationProbe(Probes::serviceTargets)),
        new Probe(
            "network.monitoring-isolated",
            "Prometheus, Alertmanager and Loki unreachable from workload namespaces"
                + " (NetworkPolicies of the monitoring namespace)",
            Needs.of().fromPod(),
            new IsolationProbe(Probes::monitoringTargets)),
        new Probe(
            "network.allowed-flows",
            "allow-ingress-nginx-to-app and allow-prometheus-to-management"
                + " (kubernetes/security/network-policies/allow-app.yaml)",
            Needs.of("ingress-nginx", "observability").andService().fromPod(),
            new AllowedFlowsProbe()),
        new Probe(
            "mesh.strict-mtls",
            "PeerAuthentication default, STRICT mTLS mesh-wide"
                + " (kubernetes/service-mesh/istio/peer-authentication.yaml)",
            Needs.of("istiod", "mesh-policies").fromMeshedPod(),
            new StrictMtlsProbe()),
        new Probe(
            "mesh.unlisted-caller",
            "AuthorizationPolicies allow-nothing and allow-ingress-to-api"
                + " (kubernetes/service-mesh/istio/authorization-policies.yaml)",
            Needs.of("istiod", "mesh-policies").andService().fromMeshedPod(),
            new UnlistedCallerProbe()),
        new Probe(
            "runtime.falco",
            "Falco rule \""
                + FalcoProbe.RULE
                + "\" with its MITRE technique, via Falcosidekick"
                + " (kubernetes/security/falco/rules/devsecops-rules.yaml)",
            Needs.of("falco").fromPod(),
            new FalcoProbe()),
        new Probe(
            "ingress.tls",
            "TLS certificate from the environment's ClusterIssuer (kubernetes/ingress/ingress.yaml,"
                + " kubernetes/cert-manager, kubernetes/overlays/ENV)",
            INGRESS.andComponents("cert-manager", "cert-manager-issuers"),
            new IngressTlsProbe()),
        new Probe(
            "ingress.headers",
            "security headers and HSTS on every response (kubernetes/ingress/values.yaml)",
            INGRESS,
            new IngressHeadersProbe()),
        new Probe(
            "ingress.waf",
            "ModSecurity with the OWASP Core Rule Set blocking (kubernetes/ingress)",
            INGRESS,
            new WafProbe()),
        new Probe(
            "observability.prometheus-target",
            "the service's ServiceMonitor, target up"
                + " (additionalServiceMonitors in observability/prometheus/values.yaml)",
            Needs.of("observability").andService().onRunningNodes(),
            new PrometheusTargetProbe()),
        new Probe(
            "observability.slo-rules",
            "SLO recording rules have samples (observability/prometheus/rules/slo.yaml)",
            Needs.of("observability", "alert-rules").andService().onRunningNodes(),
            new SloRulesProbe()),
        new Probe(
            "observability.alertmanager-routes",
            "Alertmanager has the repository's routes loaded"
                + " (observability/alertmanager/alertmanager.yaml)",
            Needs.of("observability").onRunningNodes(),
            new AlertmanagerRoutesProbe()),
        new Probe(
            "observability.trace",
            "a request's trace reaches Tempo with the route as span name"
                + " (observability/otel-collector, observability/tempo)",
            INGRESS.andComponents("otel-collector", "tempo"),
            new TraceProbe(Traced::newTraceId)),
        new Probe(
            "observability.logs",
            "the service's JSON log lines reach Loki with the trace id"
                + " (observability/fluent-bit, observability/loki)",
            INGRESS.andComponents("fluent-bit", "loki"),
            new LogsProbe(Traced::newTraceId)),
        new Probe(
            "secrets.mounts",
            "no Pod of the service's namespace reads a Secret it does not declare"
                + " (kubernetes/apps/devsecops-app)",
            Needs.of().andService(),
            new SecretMountsProbe()),
        new Probe(
            "secrets.sa-token",
            "the service's ServiceAccount token is not automounted"
                + " (kubernetes/apps/devsecops-app/base)",
            Needs.of().andService(),
            new TokenAutomountProbe()),
        new Probe(
            "gitops.applications",
            "the environment's Argo CD Applications are Synced and Healthy"
                + " (kubernetes/argocd/applications/ENV)",
            Needs.of("argocd", "argocd-applications").andService().onRunningNodes(),
            new ApplicationsProbe()),
        new Probe(
            "gitops.appproject-destinations",
            "the AppProject refuses a destination outside its list"
                + " (kubernetes/argocd/appproject.yaml)",
            Needs.of("argocd", "argocd-applications").onRunningNodes(),
            new AppProjectProbe()));
  }

  /** What every probe of the public entry point needs. */
  static final Needs INGRESS =
      Needs.of("ingress-nginx", "ingress-resources").andService().fromPod();

  /** The probes whose id is listed; unknown ids are named in the exception. */
  public static List<Probe> only(List<Probe> probes, List<String> ids) {
    Set<String> wanted = new LinkedHashSet<>(ids);
    List<String> unknown = new ArrayList<>(wanted);
    probes.forEach(p -> unknown.remove(p.id()));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown probe id " + String.join(", ", unknown));
    }
    return probes.stream().filter(p -> wanted.contains(p.id())).toList();
  }

  private static Probe admission(
      String id,
      String policy,
      String rule,
      String violation,
      java.util.function.BiConsumer<Pod, PlatformFacts.Policy> violate) {
    AdmissionProbe check = new AdmissionProbe(policy, rule, violation, violate);
    return new Probe(id, check.control(), Needs.of("kyverno", "kyverno-policies"), check);
  }

  private static String image(Pod pod) {
    return AdmissionProbe.container(pod).getImage();
  }

  private static void setImage(Pod pod, String image) {
    AdmissionProbe.container(pod).setImage(image);
  }

  /**
   * An image that nobody signed, named by a digest of zeros, under the first pattern the policy
   * verifies: a whole registry ("host/*") gets the service's repository, a repository prefix
   * ("host/repo*") is taken as it is.
   */
  static String unsigned(PlatformFacts.Policy policy) {
    String pattern =
        policy.verifiedImages().stream()
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(policy.name() + " verifies no image"));
    String repository =
        pattern.endsWith("/*")
            ? pattern.replace("/*", "/" + SERVICE_REPOSITORY)
            : pattern.replace("*", "");
    return repository + "@sha256:" + "0".repeat(64);
  }

  /** The repository the service's images are pushed to (Jib's image name in app/pom.xml). */
  static final String SERVICE_REPOSITORY = "devsecops-app";

  static List<IsolationProbe.Target> serviceTargets(PlatformFacts facts) {
    return facts.service().stream()
        .flatMap(
            s ->
                java.util.stream.Stream.of(
                    new IsolationProbe.Target("service port", s.http().url("/")),
                    new IsolationProbe.Target(
                        "management port", s.management().url("/health/readiness"))))
        .toList();
  }

  static List<IsolationProbe.Target> monitoringTargets(PlatformFacts facts) {
    List<IsolationProbe.Target> targets = new ArrayList<>();
    PlatformFacts.Monitoring m = facts.monitoring();
    add(targets, facts, "observability", "Prometheus", m.prometheus(), "/-/ready");
    add(targets, facts, "observability", "Alertmanager", m.alertmanager(), "/-/ready");
    add(targets, facts, "loki", "Loki", m.loki(), "/loki/api/v1/labels");
    return targets;
  }

  private static void add(
      List<IsolationProbe.Target> targets,
      PlatformFacts facts,
      String component,
      String name,
      Optional<Endpoint> endpoint,
      String path) {
    if (facts.enabled(component)) {
      endpoint.ifPresent(e -> targets.add(new IsolationProbe.Target(name, e.url(path))));
    }
  }
}
