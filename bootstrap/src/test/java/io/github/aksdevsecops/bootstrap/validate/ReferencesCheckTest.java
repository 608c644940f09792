package io.github.aksdevsecops.bootstrap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.render.PlatformRender;
import io.github.aksdevsecops.bootstrap.render.RenderedObjects;
import io.github.aksdevsecops.bootstrap.render.RenderedStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rule of the references check at a time, over a two-step render: {@code first} runs before
 * {@code second}; each test puts a consumer and (or not) its provider into the steps.
 */
class ReferencesCheckTest {
  @TempDir Path root;

  static final String CATALOG =
      """
      components:
        - id: first
          manifests: {path: m/first}
        - id: second
          manifests: {path: m/second}
          dependsOn:
            first: runs after it
        - id: generated
          secrets:
            - namespace: apps
              name: made-by-bootstrap
              keys:
                password: {random: 32}
      """;

  static String pod(String volumes, String env) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: apps}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web
                  env: %s
              volumes: %s
        """
        .formatted(env, volumes);
  }

  static String secret(String name) {
    return "apiVersion: v1\nkind: Secret\nmetadata: {name: " + name + ", namespace: apps}\n";
  }

  List<Problem> check(String first, String second) throws IOException {
    return check(first, second, "");
  }

  List<Problem> check(String first, String second, String envExtra) throws IOException {
    for (String dir : List.of("m/first", "m/second")) {
      Files.createDirectories(root.resolve(dir));
      Files.writeString(root.resolve(dir).resolve("kustomization.yaml"), "resources: []\n");
    }
    Environment env =
        EnvironmentReader.parse(
            Path.of("bootstrap/environments/kind.yaml"),
            "name: kind\nkubeContext: kind-devsecops\nkubernetesVersion: \"1.32\"\n" + envExtra);
    Plan plan = Planner.plan(CatalogReader.parse(Path.of("catalog.yaml"), CATALOG), env);
    Map<String, String> yaml = Map.of("first", first, "second", second, "generated", "");
    List<RenderedStep> steps = new ArrayList<>();
    for (PlannedStep s : plan.steps()) {
      steps.add(new RenderedStep(s, yaml.get(s.id()), List.of()));
    }
    PlatformRender render = new PlatformRender(env, steps);
    Snapshot snapshot =
        new Snapshot(
            root, Optional.empty(), List.of(env), Map.of(), List.of(), List.of(), List.of());
    return new ReferencesCheck()
        .check(snapshot, new RenderedEnvironment(env, render, RenderedObjects.of(root, render)));
  }

  static List<String> messages(List<Problem> problems) {
    return problems.stream().map(Problem::message).toList();
  }

  /** A claim for StorageClass fast, which the render does not hold. */
  static final String CLAIM =
      "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: apps}\n"
          + "spec: {storageClassName: fast}\n";

  @Test
  void aSecretNobodyCreatesIsReportedWithTheFieldThatNamesIt() throws IOException {
    List<Problem> problems = check("", pod("[{name: s, secret: {secretName: missing}}]", "[]"));

    assertThat(messages(problems))
        .singleElement()
        .asString()
        .contains("Deployment apps/web: volumes.secret names Secret apps/missing")
        .contains("nothing creates it");
  }

  @Test
  void aSecretOfAnEarlierStepIsProvided() throws IOException {
    assertThat(check(secret("db"), pod("[{name: s, secret: {secretName: db}}]", "[]"))).isEmpty();
  }

  @Test
  void aSecretOfALaterStepIsTooLate() throws IOException {
    List<Problem> problems =
        check(
            pod("[]", "[{name: P, valueFrom: {secretKeyRef: {name: db, key: p}}}]"), secret("db"));

    assertThat(messages(problems))
        .singleElement()
        .asString()
        .contains("env.valueFrom.secretKeyRef names Secret apps/db")
        .contains("provided only by step second");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "an optional reference needs nothing|[{name: s, secret: {secretName: missing, optional: true}}]",
        "a bootstrap secrets step provides its secrets|[{name: s, secret: {secretName: made-by-bootstrap}}]"
      })
  void aVolumeThatNeedsNothingMoreIsFine(String scenario, String volumes) throws IOException {
    assertThat(check("", pod(volumes, "[]"))).as(scenario).isEmpty();
  }

  @Test
  void everyNamespaceHoldsTheDefaultServiceAccountAndTheRootCa() throws IOException {
    String deployment =
        pod("[{name: ca, configMap: {name: kube-root-ca.crt}}]", "[]")
            .replace("containers:", "serviceAccountName: default\n      containers:");
    assertThat(check("", deployment)).isEmpty();
  }

  @Test
  void aMissingServiceAccountConfigMapAndStorageClassAreEachReported() throws IOException {
    String deployment =
        pod("[{name: c, configMap: {name: settings}}]", "[]")
            .replace("containers:", "serviceAccountName: web\n      containers:");
    List<Problem> problems = check("", deployment + "---\n" + CLAIM);

    assertThat(String.join("\n", messages(problems)))
        .contains("names ServiceAccount apps/web")
        .contains("names ConfigMap apps/settings")
        .contains("names StorageClass fast");
  }

  @Test
  void theEnvironmentMayDeclareWhatTheClusterProvidesAndAnUnusedDeclarationIsReported()
      throws IOException {
    String provided =
        """
        provided:
          - kind: StorageClass
            name: fast
            by: the cluster ships it
          - kind: StorageClass
            name: slow
            by: the cluster ships it too
        """;
    List<Problem> problems = check("", CLAIM, provided);

    assertThat(messages(problems))
        .singleElement()
        .asString()
        .contains("provided StorageClass//slow is named by no object of the render");
  }

  @Test
  void aMountedSecretProviderClassProvidesTheSecretsItSyncs() throws IOException {
    String spc =
        """
        apiVersion: secrets-store.csi.x-k8s.io/v1
        kind: SecretProviderClass
        metadata: {name: vault, namespace: apps}
        spec:
          provider: azure
          secretObjects:
            - secretName: from-vault
              type: Opaque
        """;
    String mounted =
        pod(
            "[{name: v, csi: {driver: secrets-store.csi.k8s.io, readOnly: true,"
                + " volumeAttributes: {secretProviderClass: vault}}}]",
            "[{name: P, valueFrom: {secretKeyRef: {name: from-vault, key: p}}}]");
    assertThat(check(spc, mounted)).isEmpty();

    List<Problem> unmounted =
        check(spc, pod("[]", "[{name: P, valueFrom: {secretKeyRef: {name: from-vault, key: p}}}]"));
    assertThat(String.join("\n", messages(unmounted)))
        .contains("SecretProviderClass apps/vault: syncs Secrets from Key Vault but no pod")
        .contains("names Secret apps/from-vault");
  }

  @Test
  void aHookJobAllowedToCreateSecretsProvidesTheSecretItNames() throws IOException {
    String hook =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: certgen, namespace: apps}
        rules:
          - {apiGroups: [""], resources: [secrets], verbs: [get, create]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: certgen, namespace: apps}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: certgen}
        subjects:
          - {kind: ServiceAccount, name: certgen, namespace: apps}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: certgen
          namespace: apps
          annotations: {helm.sh/hook: "pre-install,pre-upgrade"}
        spec:
          template:
            spec:
              serviceAccountName: certgen
              containers:
                - {name: c, image: certgen, args: [create, --secret-name=webhook-tls]}
        """;
    String sa =
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: certgen, namespace: apps}\n";
    String consumer = pod("[{name: s, secret: {secretName: webhook-tls}}]", "[]");
    assertThat(check(sa, hook + "---\n" + consumer)).isEmpty();

    String notAllowed = hook.replace("verbs: [get, create]", "verbs: [get]");
    assertThat(messages(check(sa, notAllowed + "---\n" + consumer)))
        .singleElement()
        .asString()
        .contains("names Secret apps/webhook-tls");
  }

  @Test
  void certManagerMakesTheTlsSecretOfAnAnnotatedIngressButNotOfAPlainOne() throws IOException {
    String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\n";
    String ingress =
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: apps
          annotations: {cert-manager.io/cluster-issuer: letsencrypt}
        spec:
          tls: [{hosts: [web.example.org], secretName: web-tls}]
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """;
    assertThat(check(service, ingress)).isEmpty();

    List<Problem> plain =
        check(
            "", ingress.replace("annotations: {cert-manager.io/cluster-issuer: letsencrypt}", ""));
    assertThat(String.join("\n", messages(plain)))
        .contains("tls.secretName names Secret apps/web-tls")
        .contains("backend.service names Service apps/web");
  }

  @Test
  void theOperatorsSecretsOfAPrometheusAreReferences() throws IOException {
    String prometheus =
        """
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: main, namespace: apps}
        spec:
          thanos:
            objectStorageConfig: {name: objstore, key: objstore.yml}
          secrets: [receivers]
        """;
    assertThat(String.join("\n", messages(check("", prometheus))))
        .contains("spec.thanos.objectStorageConfig names Secret apps/objstore")
        .contains("spec.secrets names Secret apps/receivers");
  }

  @Test
  void anApplicationNeedsItsProjectNamespaceAndAKustomizationAtItsPath() throws IOException {
    Files.createDirectories(root.resolve("apps/web"));
    Files.writeString(root.resolve("apps/web/kustomization.yaml"), "resources: []\n");
    String platform =
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: web}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: web, namespace: argocd}
        """;
    String application =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: web, namespace: argocd}
        spec:
          project: web
          source: {repoURL: "https://git.example.org/platform.git", path: apps/web}
          destination: {server: "https://kubernetes.default.svc", namespace: web}
        """;
    assertThat(check(platform, application)).isEmpty();

    List<Problem> broken = check("", application.replace("path: apps/web", "path: apps/gone"));
    assertThat(String.join("\n", messages(broken)))
        .contains("spec.project names AppProject argocd/web")
        .contains("spec.destination.namespace names Namespace web")
        .contains("spec.source.path apps/gone is no kustomization of this repository");
  }
}
