package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.adapters.ChartSourcesTest;
import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootstrap validate} renders the real platform with the pinned charts (from the mirror the
 * test command names in BOOTSTRAP_CHART_MIRROR) and finds what would stop it in a cluster: each
 * test breaks one thing in a copy of the repository and expects exit 2 naming the file to change.
 */
class WholePlatformValidateTest {
  @TempDir Path copy;

  static Path mirror() {
    String dir = System.getenv("BOOTSTRAP_CHART_MIRROR");
    assertThat(dir)
        .as(
            "BOOTSTRAP_CHART_MIRROR must name a directory of the pinned chart archives"
                + " (scripts/test.sh sets it from ../shared/charts); without it these tests"
                + " would need the chart repositories on the network")
        .isNotBlank();
    assertThat(Path.of(dir)).isDirectory();
    return Path.of(dir);
  }

  Cli.Run validate(Path root) {
    return Cli.run(root, "validate", "--chart-mirror", mirror().toString());
  }

  /**
   * The repository's platform files for one environment: the other environments' files (their
   * environment file, values files and overlays) are left out, so only one environment renders.
   * Values files the catalog declares for named environments only ({@code environmentValuesFor})
   * stay: the catalog requires them whichever environments the checkout holds.
   */
  Path repositoryWith(String environment) throws IOException {
    Path repo = Cli.repoRoot();
    for (String top : List.of("kubernetes", "observability", "infra", "bootstrap/environments")) {
      copyTree(repo.resolve(top), copy.resolve(top));
    }
    Files.copy(repo.resolve("bootstrap/catalog.yaml"), copy.resolve("bootstrap/catalog.yaml"));
    Files.copy(repo.resolve("README.md"), copy.resolve("README.md"));
    java.util.Set<Path> declared = new java.util.HashSet<>();
    for (var component : CatalogReader.read(copy.resolve("bootstrap/catalog.yaml")).components()) {
      if (component.spec() instanceof ComponentSpec.Helm helm) {
        helm.declaredEnvironmentValues().forEach(v -> declared.add(copy.resolve(v)));
      }
    }
    for (String other : List.of("kind", "staging", "production", "sim")) {
      if (other.equals(environment)) {
        continue;
      }
      Files.delete(copy.resolve("bootstrap/environments/" + other + ".yaml"));
      try (Stream<Path> files = Files.walk(copy)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          String name = f.getFileName().toString();
          boolean otherValues =
              name.endsWith("-" + other + "-values.yaml") && !declared.contains(f);
          boolean otherOverlay = f.startsWith(copy.resolve("kubernetes/overlays/" + other));
          if (otherValues || otherOverlay) {
            Files.delete(f);
          }
        }
      }
    }
    return copy;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(p -> !p.toString().contains("/.terraform")).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  void replace(String file, String from, String to) throws IOException {
    Path p = copy.resolve(file);
    String text = Files.readString(p, StandardCharsets.UTF_8);
    assertThat(text).as(file).contains(from);
    Files.writeString(
        p,
        text.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)),
        StandardCharsets.UTF_8);
  }

  /**
   * validate over a copy of the repository holding {@code env}, with {@code from} replaced by
   * {@code to} in {@code file}: refused as invalid input.
   */
  Cli.Run refusedAfter(String env, String file, String from, String to) throws IOException {
    repositoryWith(env);
    replace(file, from, to);
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    return run;
  }

  @Test
  void theRepositoryRendersAndPassesInEveryEnvironment() {
    Cli.Run run = validate(Cli.repoRoot());
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("checked 4 rendered environments")
        .contains("checked 3 terraform stacks")
        .contains("validate: OK");
  }

  /**
   * A mirror whose cert-manager archive carries one more template (a cluster-admin binding for
   * every service account), with a checksum file vouching for it: refused before it renders, exit
   * 2, naming the chart and the file.
   */
  @Test
  void aPlantedChartArchiveInTheMirrorIsRefused() throws IOException {
    Path planted = copy.resolve("mirror");
    copyTree(mirror(), planted);
    Path archive = planted.resolve("cert-manager-v1.17.2.tgz");
    Files.setPosixFilePermissions(
        archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    ChartSourcesTest.plant(archive);
    Files.writeString(
        planted.resolve("SHA256SUMS"),
        io.github.aksdevsecops.bootstrap.adapters.Digests.sha256(archive)
            + "  cert-manager-v1.17.2.tgz\n");
    Cli.Run run = Cli.run(Cli.repoRoot(), "validate", "--chart-mirror", planted.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("jetstack/cert-manager@v1.17.2: archive " + archive + " has sha256 ")
        .contains("which bootstrap/catalog.yaml does not pin (rebuilt e8a5f920d137");
    assertThat(run.out()).doesNotContain("validate: OK");
  }

  @Test
  void aSecretNobodyCreatesNamesTheValuesFileThatRefersToIt() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/values.yaml",
            "existingSecret: grafana-admin",
            "existingSecret: grafana-login");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/values.yaml:\\d+: \\[kind\\] Deployment"
                + " monitoring/kube-prometheus-stack-grafana: env.valueFrom.secretKeyRef names"
                + " Secret monitoring/grafana-login, but nothing creates it");
  }

  @Test
  void aTerraformOutputInTheKindValuesNamesTheFileAndLine() throws IOException {
    repositoryWith("kind");
    Files.writeString(
        copy.resolve("observability/loki/loki-kind-values.yaml"),
        "# kind\nserviceAccount:\n  annotations:\n"
            + "    azure.workload.identity/client-id: ${LOKI_CLIENT_ID}\n");
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(
            "error: observability/loki/loki-kind-values.yaml:4: [kind] ${LOKI_CLIENT_ID} needs"
                + " output terraform-monitoring.loki_identity_client_id, but kind.yaml switches"
                + " 'terraform-monitoring' off");
  }

  @Test
  void aChartContainerWithoutLimitsNamesTheChartsValuesFile() throws IOException {
    // fluent-bit: a chart kind does not resize, so the shared values file is what kind renders.
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/fluent-bit/values.yaml",
            "  limits:\n    cpu: 500m\n    memory: 256Mi\n",
            "");
    assertThat(run.err())
        .containsPattern(
            "error: observability/fluent-bit/values.yaml: \\[kind\\] DaemonSet"
                + " monitoring/fluent-bit: rejected by"
                + " require-requests-limits/autogen-requests-and-limits");
  }

  /** The service's manifests, as Argo CD syncs them for staging: base plus overlay. */
  static final String SERVICE_BASE = "kubernetes/apps/devsecops-app/base/devsecops-app.yaml";

  @Test
  void aPrivilegedServiceContainerNamesTheServiceManifestAndThePolicy() throws IOException {
    Cli.Run run = refusedAfter("staging", SERVICE_BASE, "privileged: false", "privileged: true");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/apps/devsecops-app/base/devsecops-app.yaml:\\d+: \\[staging\\]"
                + " Deployment devsecops-app/devsecops-app: rejected by"
                + " disallow-privilege-escalation/autogen-no-privileged");
  }

  @Test
  void aServiceContainerWithoutLimitsNamesTheServiceManifest() throws IOException {
    Cli.Run run =
        refusedAfter(
            "staging",
            SERVICE_BASE,
            "          limits:\n            cpu: \"1\"\n            memory: 512Mi\n"
                + "            ephemeral-storage: 128Mi\n",
            "");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/apps/devsecops-app/base/devsecops-app.yaml:\\d+: \\[staging\\]"
                + " Deployment devsecops-app/devsecops-app: rejected by"
                + " require-requests-limits/autogen-requests-and-limits");
  }

  @Test
  void aSecretTheServiceReadsThatNothingCreatesIsNamed() throws IOException {
    Cli.Run run =
        refusedAfter(
            "staging",
            SERVICE_BASE,
            "        - configMapRef:\n            name: devsecops-app-config\n",
            "        - configMapRef:\n            name: devsecops-app-config\n"
                + "        - secretRef:\n            name: devsecops-app-credentials\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/apps/devsecops-app/base/devsecops-app.yaml:\\d+: \\[staging\\]"
                + " Deployment devsecops-app/devsecops-app: envFrom.secretRef names Secret"
                + " devsecops-app/devsecops-app-credentials, but nothing creates it");
  }

  @Test
  void aNetworkPolicyThatBlocksPrometheusFromATargetNamesThePolicyFile() throws IOException {
    // cert-manager's ServiceMonitor scrapes 9402; the policy now lets Prometheus in on another
    // port.
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/security/network-policies/cert-manager.yaml",
            "          port: 9402\n",
            "          port: 9403\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/cert-manager.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy cert-manager/allow-prometheus-metrics: blocks"
                + " monitoring/prometheus-kube-prometheus-stack-prometheus -> cert-manager/cert-manager"
                + " port 9402/TCP \\(Prometheus scrapes ServiceMonitor cert-manager/cert-manager\\)");
  }

  @Test
  void aPlatformNamespaceWithoutDefaultDenyOfEgressNamesItsPolicyFile() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/security/network-policies/kyverno.yaml",
            "  name: default-deny-all\n  namespace: kyverno\nspec:\n  podSelector: {}\n"
                + "  policyTypes: [Ingress, Egress]\n",
            "  name: default-deny-all\n  namespace: kyverno\nspec:\n  podSelector: {}\n"
                + "  policyTypes: [Ingress]\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/kyverno.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy kyverno/.*: namespace kyverno has no default deny of egress");
  }

  @Test
  void aStoreOpenToCallersNoFlowDeclaresNamesThePolicyThatLetsThemIn() throws IOException {
    // the gateway's callers gain every pod of every namespace
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/security/network-policies/monitoring.yaml",
            "  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: fluent-bit\n",
            "  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: {}\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: fluent-bit\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/monitoring.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy monitoring/allow-loki-gateway-ingress: lets pods of the render"
                + " reach monitoring/loki-gateway on 8080/TCP that no flow declares .*"
                + "kyverno/kyverno-admission-controller");
  }

  @Test
  void aHookJobWithoutLimitsIsFoundThoughTemplateLeavesHooksOut() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/cert-manager/values.yaml",
            "startupapicheck:\n  resources:\n    requests:\n      cpu: 10m\n      memory: 32Mi\n"
                + "    limits:\n      cpu: 100m\n      memory: 64Mi\n",
            "startupapicheck: {}\n");
    assertThat(run.err())
        .contains("error: kubernetes/cert-manager/values.yaml")
        .contains(
            "Job cert-manager/cert-manager-startupapicheck: rejected by require-requests-limits");
  }

  @Test
  void aCustomResourceWithAnUnknownFieldNamesItsManifestLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "production",
            "kubernetes/cert-manager/cluster-issuers.yaml",
            "    server: https://acme-v02.api.letsencrypt.org/directory\n",
            "    server: https://acme-v02.api.letsencrypt.org/directory\n    sever: typo\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/cert-manager/cluster-issuers.yaml:\\d+: \\[production\\] ClusterIssuer"
                + " letsencrypt-production: schema of cert-manager.io/v1/ClusterIssuer:"
                + " .spec.acme.sever: unknown field");
  }

  @Test
  void valuesAChartRefusesNameTheValuesFile() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/cert-manager/values.yaml",
            "startupapicheck:\n",
            "startupapicheck:\n  unused: 1\n");
    assertThat(run.err())
        .contains(
            "error: kubernetes/cert-manager/values.yaml: [kind] cannot render jetstack/cert-manager")
        .contains("additional properties 'unused' not allowed");
  }

  @Test
  void aPlaceholderInProductionValuesNamesTheValuesFileAndLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "production",
            "kubernetes/argocd/argocd-production-values.yaml",
            "domain: argocd.devsecops.example.com",
            "domain: argocd.other.example.com");
    assertThat(run.err())
        .contains(
            "error: kubernetes/argocd/argocd-production-values.yaml:4: [production] placeholder"
                + " 'argocd.other.example.com' in the render");
  }

  @Test
  void kindRequestsBeyondItsCapacityNameTheEnvironmentFileAndTheLargestConsumer()
      throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/loki/loki-kind-values.yaml",
            "singleBinary:\n  replicas: 1\n  resources:\n    requests:\n      cpu: 50m\n",
            "singleBinary:\n  replicas: 1\n  resources:\n    requests:\n      cpu: 1900m\n");
    assertThat(run.err())
        .containsPattern(
            "error: bootstrap/environments/kind.yaml:\\d+: \\[kind\\] the platform's pods request"
                + " \\d+(\\.\\d+)? CPU and \\d+\\.\\d\\d GiB, more than the capacity declared here"
                + " \\(2500m CPU, 8Gi on 1 node\\), so pods would stay Pending; largest:"
                + " StatefulSet monitoring/loki 1 x \\(1\\.91 CPU, 0\\.28 GiB\\) from"
                + " observability/loki/values.yaml:\\d+ with observability/loki/loki-kind-values.yaml;");
  }

  /**
   * ingress-nginx's ServiceMonitor is a Prometheus operator custom resource: without its dependency
   * on kube-prometheus-stack, nothing makes the CRD exist before the step applies it (Helm refuses
   * the release on a fresh cluster), though every CRD is somewhere in the render.
   */
  @Test
  void aCustomResourceWhoseCrdComesFromAStepItDoesNotWaitForNamesTheValuesFile()
      throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "bootstrap/catalog.yaml",
            "      observability: its ServiceMonitor is a Prometheus operator CRD\n"
                + "      base: installs into the ingress-nginx namespace\n",
            "      base: installs into the ingress-nginx namespace\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/ingress/values.yaml(:\\d+)?: \\[kind\\] ServiceMonitor"
                + " monitoring/ingress-nginx-controller: monitoring.coreos.com/ServiceMonitor is"
                + " defined by CRD servicemonitors.monitoring.coreos.com, which step"
                + " 'observability' installs, but step 'ingress-nginx' does not depend on it");
    assertThat(run.err()).doesNotContain("step 'cert-manager' does not depend");
  }

  /**
   * The ingress-nginx namespace asks for sidecar injection: its certificate hook Jobs without the
   * opt-out label would get an istio-proxy that never exits, and the release would wait on them
   * forever.
   */
  @Test
  void aHookJobInAnInjectedNamespaceWithoutTheOptOutLabelNamesTheValuesFile() throws IOException {
    Cli.Run run =
        refusedAfter(
            "staging",
            "kubernetes/ingress/values.yaml",
            "      labels:\n        sidecar.istio.io/inject: \"false\"\n",
            "      labels: {}\n");
    for (String job : List.of("ingress-nginx-admission-create", "ingress-nginx-admission-patch")) {
      assertThat(run.err())
          .containsPattern(
              "error: kubernetes/ingress/values.yaml(:\\d+)?: \\[staging\\] Job ingress-nginx/"
                  + job
                  + ": namespace ingress-nginx asks for sidecar injection, and an istio-proxy"
                  + " sidecar never exits, so the Job would never complete");
    }
  }

  /**
   * Without its dependency on istiod, nothing makes the injector answer before the ingress
   * controller's pods are created: they would run without the sidecar whose identity the service's
   * AuthorizationPolicy admits.
   */
  @Test
  void aMeshedWorkloadInstalledBeforeTheInjectorNamesTheCatalog() throws IOException {
    repositoryWith("staging");
    String catalog = Files.readString(copy.resolve("bootstrap/catalog.yaml"));
    int at = catalog.indexOf("      istiod: >-\n        the namespace asks for sidecar injection");
    assertThat(at).isPositive();
    int end = catalog.indexOf("\n\n", at);
    Files.writeString(
        copy.resolve("bootstrap/catalog.yaml"),
        catalog.substring(0, at) + catalog.substring(end + 1));
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/ingress/values.yaml(:\\d+)?: \\[staging\\] Deployment"
                + " ingress-nginx/ingress-nginx-controller: namespace ingress-nginx asks for sidecar"
                + " injection, but step 'ingress-nginx' does not depend on 'istiod'");
    assertThat(run.err()).doesNotContain("Job ingress-nginx/");
  }

  /**
   * Staging's Ingress is certified by Let's Encrypt over HTTP-01: cert-manager starts its solver
   * pod from quay.io by tag beside the Ingress, which the registry and digest policies refuse
   * unless the solver's PolicyException names it.
   */
  @Test
  void theAcmeSolverPodWithoutItsExceptionNamesTheIngress() throws IOException {
    repositoryWith("staging");
    Path exceptions =
        copy.resolve("kubernetes/security/kyverno/policies/exceptions/upstream-images.yaml");
    String text = Files.readString(exceptions);
    int from = text.indexOf("# The HTTP-01 solver pods cert-manager starts");
    int to = text.indexOf("---\n", text.indexOf("name: cert-manager-acme-http01-solver"));
    assertThat(from).isPositive();
    assertThat(to).isGreaterThan(from);
    Files.writeString(exceptions, text.substring(0, from) + text.substring(to + 4));
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    for (String rule :
        List.of(
            "require-image-digest/require-digest",
            "restrict-image-registries/environment-acr-only")) {
      assertThat(run.err())
          .contains(
              "error: kubernetes/ingress/ingress.yaml:4: [staging] Ingress"
                  + " devsecops-app/devsecops-app: cert-manager's HTTP-01 solver Pod"
                  + " devsecops-app/cm-acme-http-solver-?????: rejected by "
                  + rule
                  + ": spec.containers[0].image is"
                  + " 'quay.io/jetstack/cert-manager-acmesolver:v1.17.2'");
    }
  }

  @Test
  void aMisspeltEnvironmentInEnvironmentValuesForNamesTheCatalog() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "bootstrap/catalog.yaml",
            "      environmentValues: observability/otel-collector/otel-collector-{env}-values.yaml\n"
                + "      environmentValuesFor: [kind]\n",
            "      environmentValues: observability/otel-collector/otel-collector-{env}-values.yaml\n"
                + "      environmentValuesFor: [kidn]\n");
    assertThat(run.err())
        .containsPattern(
            "error: bootstrap/catalog.yaml:\\d+: component 'otel-collector':"
                + " observability/otel-collector/otel-collector-kidn-values.yaml does not exist");
  }

  @Test
  void aPanelQueryingAMetricNothingExportsNamesTheDashboardLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/grafana/dashboards/devsecops-security-overview.json",
            "sum by (namespace, severity) (trivy_image_vulnerabilities{",
            "sum by (namespace, severity) (trivy_image_vulnerability_count{");
    assertThat(run.err())
        .containsPattern(
            "error: observability/grafana/dashboards/devsecops-security-overview.json:\\d+: \\[kind\\]"
                + " panel \"CVEs by namespace \\(critical and high\\)\" A: metric"
                + " trivy_image_vulnerability_count is exported by nothing");
  }

  @Test
  void aRuleReadingFurtherBackThanPrometheusKeepsNamesTheRuleLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/values.yaml",
            "    retention: 31d\n",
            "    retention: 7d\n");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/rules/slo.yaml:\\d+: \\[kind\\] record"
                + " slo:sli_error:ratio_rate30d reads 30d back but Prometheus"
                + " monitoring/kube-prometheus-stack-prometheus that evaluates it keeps 7d");
  }

  @Test
  void anExporterNothingScrapesNamesTheRulesReadingIt() throws IOException {
    // The first ServiceMonitor in the Kyverno values is the admission controller's.
    Cli.Run run =
        refusedAfter(
            "kind",
            "kubernetes/security/kyverno/values.yaml",
            "  serviceMonitor:\n    enabled: true\n",
            "  serviceMonitor:\n    enabled: false\n");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/rules/security.yaml:\\d+: \\[kind\\] alert"
                + " KyvernoPolicyViolation: metric kyverno_policy_results_total comes from kyverno,"
                + " but no ServiceMonitor or PodMonitor that a Prometheus selects scrapes its pods");
  }

  @Test
  void absentDataMaskedAsZeroNamesTheRuleLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/rules/platform.yaml",
            "sum(up{job=\"devsecops-app\"}) == 0",
            "(sum(up{job=\"devsecops-app\"}) or vector(0)) == 0");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/rules/platform.yaml:\\d+: \\[kind\\] alert"
                + " DevsecopsAppDown: `or vector\\(\\.\\.\\.\\)` turns absent data into a reassuring"
                + " number");
  }

  @Test
  void aPanelSelectingAJobNoScrapeProducesNamesTheDashboardLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/grafana/dashboards/devsecops-security-overview.json",
            "max(up{job=\\\"trivy-operator\\\"} == 1)",
            "max(up{job=\\\"trivy\\\"} == 1)");
    assertThat(run.err())
        .containsPattern(
            "error: observability/grafana/dashboards/devsecops-security-overview.json:\\d+: \\[kind\\]"
                + " panel \"Critical CVEs in running images\" A: metric up is selected with"
                + " job=\"trivy\" but the scrapes that deliver it produce job \\[.*trivy-operator");
  }

  @Test
  void aChartAlertWaitingForAJobNothingScrapesNamesTheValuesFileThatEnabledIt() throws IOException {
    // The controller manager's rules and Service back on, its ServiceMonitor still off: the
    // chart's KubeControllerManagerDown is absent(up{job="kube-controller-manager"} == 1).
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/values.yaml",
            "kubeControllerManager:\n  enabled: false\n",
            "kubeControllerManager:\n  enabled: true\n  serviceMonitor:\n    enabled: false\n");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/values.yaml:\\d+: \\[kind\\] PrometheusRule"
                + " monitoring/.*controller-manager: alert KubeControllerManagerDown waits for job"
                + " \"kube-controller-manager\", which no ServiceMonitor or PodMonitor of the"
                + " render scrapes from pods that run \\(absent\\(\\.\\.\\.\\) of it is true for ever");
  }

  @Test
  void aChartAlertWhoseServiceSelectsNoPodOfThePlatformIsRefusedToo() throws IOException {
    // Re-enabled whole: Service and ServiceMonitor render, but the controller manager's pods are
    // not the platform's (AKS hides them; kind binds them to the node's loopback).
    Cli.Run run =
        refusedAfter(
            "production",
            "observability/prometheus/values.yaml",
            "kubeControllerManager:\n  enabled: false\n",
            "kubeControllerManager:\n  enabled: true\n");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/values.yaml:\\d+: \\[production\\] PrometheusRule"
                + " monitoring/.*controller-manager: alert KubeControllerManagerDown waits for job"
                + " \"kube-controller-manager\"");
  }

  @Test
  void aRepositoryAlertOnTheAbsenceOfAJobNothingScrapesNamesTheRuleLine() throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/rules/platform.yaml",
            "absent(up{job=\"devsecops-app\"})",
            "absent(up{job=\"devsecops-ap\"})");
    assertThat(run.err())
        .containsPattern(
            "error: observability/prometheus/rules/platform.yaml:\\d+: \\[kind\\] PrometheusRule"
                + " .*: alert \\w+ waits for job \"devsecops-ap\"");
  }

  @Test
  void grafanasDefaultAlertmanagerDataSourceIsAFlowAlertmanagersPoliciesRefuse()
      throws IOException {
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/values.yaml",
            "      alertmanager:\n        enabled: false\n",
            "      alertmanager:\n        enabled: true\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/monitoring.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy monitoring/.*: blocks monitoring/kube-prometheus-stack-grafana ->"
                + " monitoring/alertmanager-kube-prometheus-stack-alertmanager port 9093/TCP"
                + " \\(Grafana's data source Alertmanager"
                + " \\(http://kube-prometheus-stack-alertmanager.monitoring:9093/\\)");
  }

  @Test
  void aDataSourceToAServiceWhosePoliciesBlockGrafanaNamesTheDataSourceAndThePolicy()
      throws IOException {
    // VictoriaMetrics admits Prometheus alone (allow-exporters-ingress), and Grafana's egress
    // does not reach 8428 either.
    Cli.Run run =
        refusedAfter(
            "kind",
            "observability/prometheus/values.yaml",
            "  additionalDataSources:\n",
            "  additionalDataSources:\n    - name: VictoriaMetrics\n      type: prometheus\n"
                + "      url: http://victoria-metrics-single-server.monitoring.svc:8428\n");
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/monitoring.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy monitoring/.*: blocks monitoring/kube-prometheus-stack-grafana ->"
                + " monitoring/victoria-metrics-single-server\\S* port 8428/TCP \\(Grafana's data"
                + " source VictoriaMetrics .*\\): no NetworkPolicy of monitoring selecting"
                + " monitoring/kube-prometheus-stack-grafana allows it out");
  }

  @Test
  void aDataSourceGrafanaMayCallOutIsStillRefusedByTheStoresIngress() throws IOException {
    // Grafana's own policy now lets the Alertmanager data source out; Alertmanager's does not let
    // it in.
    repositoryWith("kind");
    replace(
        "observability/prometheus/values.yaml",
        "      alertmanager:\n        enabled: false\n",
        "      alertmanager:\n        enabled: true\n");
    replace(
        "kubernetes/security/network-policies/monitoring.yaml",
        "  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n"
            + "              app.kubernetes.io/name: prometheus\n      ports:\n"
            + "        - protocol: TCP\n          port: 9090\n",
        "  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n"
            + "              app.kubernetes.io/name: prometheus\n      ports:\n"
            + "        - protocol: TCP\n          port: 9090\n    - to:\n        - podSelector:\n"
            + "            matchLabels:\n              app.kubernetes.io/name: alertmanager\n"
            + "      ports:\n        - protocol: TCP\n          port: 9093\n");
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/monitoring.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy monitoring/allow-alertmanager: blocks"
                + " monitoring/kube-prometheus-stack-grafana ->"
                + " monitoring/alertmanager-kube-prometheus-stack-alertmanager port 9093/TCP"
                + " \\(Grafana's data source Alertmanager .*\\): no NetworkPolicy of monitoring"
                + " selecting monitoring/alertmanager-kube-prometheus-stack-alertmanager allows it in");
  }

  @Test
  void aDataSourceTheRepositoryProvisionsInASecretIsAFlowToo() throws IOException {
    // A Secret the Grafana sidecar loads (label grafana_datasource), its provisioning file base64
    // encoded as kustomize leaves it, naming VictoriaMetrics by name.namespace.
    repositoryWith("kind");
    String provisioning =
        "apiVersion: 1\ndatasources:\n  - name: VM\n    type: prometheus\n"
            + "    url: http://victoria-metrics-single-server.monitoring:8428\n";
    Files.writeString(
        copy.resolve("observability/grafana/dashboards/datasource-vm.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: grafana-datasource-vm\n"
            + "  labels:\n    grafana_datasource: \"1\"\ndata:\n  vm.yaml: "
            + java.util.Base64.getEncoder()
                .encodeToString(provisioning.getBytes(StandardCharsets.UTF_8))
            + "\n",
        StandardCharsets.UTF_8);
    replace(
        "observability/grafana/dashboards/kustomization.yaml",
        "configMapGenerator:\n",
        "resources:\n  - datasource-vm.yaml\nconfigMapGenerator:\n");
    Cli.Run run = validate(copy);
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .containsPattern(
            "error: kubernetes/security/network-policies/monitoring.yaml:\\d+: \\[kind\\]"
                + " NetworkPolicy monitoring/.*: blocks monitoring/kube-prometheus-stack-grafana ->"
                + " monitoring/victoria-metrics-single-server\\S* port 8428/TCP \\(Grafana's data"
                + " source VM \\(http://victoria-metrics-single-server.monitoring:8428\\)");
  }
}
