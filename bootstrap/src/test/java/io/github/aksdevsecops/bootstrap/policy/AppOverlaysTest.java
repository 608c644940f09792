package io.github.aksdevsecops.bootstrap.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service's overlays fit the platform around them: Argo CD's AppProject admits every kind they
 * render, the production Rollout's pre-promotion analysis names a template the platform installs
 * with every argument it needs, and the NetworkPolicies and Services select the service's pods and
 * ports.
 */
class AppOverlaysTest {

  static final Path APP_OVERLAYS = RepoPaths.ROOT.resolve("kubernetes/apps/devsecops-app/overlays");

  static Stream<Path> appOverlays() {
    return RepoPaths.overlays().stream().filter(p -> p.startsWith(APP_OVERLAYS));
  }

  static List<Map<String, Object>> render(Path dir) {
    return Manifests.parse(Kustomize.render(dir));
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  static Map<String, Object> named(List<Map<String, Object>> docs, String kind, String name) {
    return ofKind(docs, kind).stream()
        .filter(d -> name.equals(Manifests.string(d, "metadata", "name").orElse("")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void bothEnvironmentsHaveAnAppOverlay() {
    assertThat(appOverlays().map(p -> p.getFileName().toString()))
        .contains("staging", "production");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appOverlays")
  void appProjectAdmitsEveryRenderedKind(Path overlay) {
    String env = overlay.getFileName().toString();
    Map<String, Object> project =
        named(
            render(
                RepoPaths.ROOT
                    .resolve("kubernetes/overlays")
                    .resolve(env)
                    .resolve("argocd-applications")),
            "AppProject",
            "devsecops-app");
    Set<String> allowed = new HashSet<>();
    for (Map<String, Object> entry :
        Manifests.maps(project, "spec", "namespaceResourceWhitelist")) {
      allowed.add(entry.get("group") + "/" + entry.get("kind"));
    }
    for (Map<String, Object> doc : render(overlay)) {
      String apiVersion = Manifests.string(doc, "apiVersion").orElseThrow();
      String group =
          apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      assertThat(allowed)
          .as("AppProject allow-list for " + apiVersion + " " + doc.get("kind"))
          .contains(group + "/" + doc.get("kind"));
      assertThat(Manifests.string(doc, "metadata", "namespace"))
          .as(doc.get("kind") + " namespace")
          .hasValue("devsecops-app");
    }
  }

  @Test
  void productionRolloutIsBlueGreenWithAnalysisThePlatformProvides() {
    List<Map<String, Object>> app = render(APP_OVERLAYS.resolve("production"));
    Map<String, Object> rollout =
        ofKind(app, "Rollout").stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Rollout in production"));
    assertThat(ofKind(app, "Deployment"))
        .as("a Deployment next to the Rollout would run a second copy")
        .isEmpty();
    Map<String, Object> blueGreen = Manifests.map(rollout, "spec", "strategy", "blueGreen");
    assertThat(blueGreen).containsKeys("activeService", "previewService", "prePromotionAnalysis");
    Set<String> services =
        ofKind(app, "Service").stream()
            .map(s -> Manifests.string(s, "metadata", "name").orElse(""))
            .collect(Collectors.toSet());
    assertThat(services)
        .contains(
            blueGreen.get("activeService").toString(), blueGreen.get("previewService").toString());

    List<Map<String, Object>> platform =
        render(RepoPaths.ROOT.resolve("kubernetes/overlays/production/argocd-applications"));
    Map<String, Object> analysis = Manifests.map(blueGreen, "prePromotionAnalysis");
    Set<String> given =
        Manifests.maps(analysis, "args").stream()
            .map(a -> a.get("name").toString())
            .collect(Collectors.toSet());
    for (Map<String, Object> ref : Manifests.maps(analysis, "templates")) {
      assertThat(ref.get("clusterScope")).as("template scope").isEqualTo(true);
      Map<String, Object> template =
          named(platform, "ClusterAnalysisTemplate", ref.get("templateName").toString());
      for (Map<String, Object> arg : Manifests.maps(template, "spec", "args")) {
        if (!arg.containsKey("value")) {
          assertThat(given)
              .as("arguments for " + ref.get("templateName"))
              .contains(arg.get("name").toString());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appOverlays")
  void networkPoliciesAndServicesSelectTheServicePorts(Path overlay) {
    List<Map<String, Object>> app = render(overlay);
    List<Workload> workloads = Manifests.workloads(app);
    assertThat(workloads).isNotEmpty();
    Map<String, Object> workload =
        app.stream()
            .filter(d -> Manifests.WORKLOAD_KINDS.contains(d.get("kind")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> podLabels =
        Manifests.map(workload, "spec", "template", "metadata", "labels");
    assertThat(podLabels).containsEntry("app.kubernetes.io/name", "devsecops-app");
    Set<Object> ports = new HashSet<>();
    for (Map<String, Object> c :
        Manifests.maps(workload, "spec", "template", "spec", "containers")) {
      for (Map<String, Object> p : Manifests.maps(c, "ports")) {
        ports.add(p.get("containerPort"));
      }
    }
    assertThat(ports).as("container ports the NetworkPolicies open").contains(8080, 8081);
    for (Map<String, Object> service : ofKind(app, "Service")) {
      Map<String, Object> selector = Manifests.map(service, "spec", "selector");
      assertThat(podLabels)
          .as(
              "pods selected by Service "
                  + Manifests.string(service, "metadata", "name").orElse(""))
          .containsAllEntriesOf(selector);
    }
  }
}
