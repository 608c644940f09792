package io.github.aksdevsecops.bootstrap.assets;

import static io.github.aksdevsecops.bootstrap.model.Refusals.assertRefusedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogAndEnvironmentReaderTest {
  static final String HELM =
      "components:\n"
          + "  - id: web\n    helm:\n      repository: r\n      url: https://charts.example.org\n"
          + "      chart: web\n      version: 1.2.3\n      release: web\n      namespace: web\n"
          + "      values: kubernetes/web/values.yaml\n"
          + "      sha256: {rebuilt: "
          + "a".repeat(64)
          + "}\n";

  /** Component {@code id} of the catalog {@code yaml}. */
  static Component component(String yaml, String id) {
    return CatalogReader.parse(Path.of("catalog.yaml"), yaml).find(id).orElseThrow();
  }

  @Test
  void readsAPinnedChart() {
    var c = component(HELM, "web");
    assertThat(((ComponentSpec.Helm) c.spec()).chartReference()).isEqualTo("r/web@1.2.3");
    assertThat(c.source().line()).isEqualTo(2);
  }

  /**
   * {@code catalog} names {@link #HELM} or {@link #KIND_ONLY_VALUES}; the case replaces {@code
   * from} by {@code to} in it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "values outside|HELM|values: kubernetes/web/values.yaml|values: ../../etc/values.yaml|10|inside the repository",
        "absolute values|HELM|values: kubernetes/web/values.yaml|values: /tmp/values.yaml|10|inside the repository",
        "range version|HELM|version: 1.2.3|version: 1.2.x|7|is not pinned",
        "plain http|HELM|url: https://charts.example.org|url: http://charts.example.org|5|https:// or oci://",
        "bad id|HELM|id: web|id: Web|2|must match",
        "no file to limit|KIND_ONLY_VALUES|environmentValues: kubernetes/web/web-{env}-values.yaml|fileValues: []|13|needs environmentValues",
        "empty list|KIND_ONLY_VALUES|[kind]|[]|13|non-empty list",
        "not a name|KIND_ONLY_VALUES|[kind]|[Kind]|13|not an environment name",
        "listed twice|KIND_ONLY_VALUES|[kind]|[kind, kind]|13|listed twice",
        "no sha256|HELM|sha256: {rebuilt: %1$s}|fileValues: []|4|missing required key 'sha256'",
        "short sha256|HELM|{rebuilt: %1$s}|{rebuilt: abc}|11|must be 64 lower-case hex digits",
        "upper-case sha256|HELM|{rebuilt: %1$s}|{rebuilt: %2$s}|11|must be 64 lower-case hex digits",
        "unknown sha256 key|HELM|{rebuilt: %1$s}|{mirror: %1$s}|11|mirror",
        "empty sha256|HELM|{rebuilt: %1$s}|{}|11|needs the published or the rebuilt"
      })
  void refusesCatalogEntriesAtTheirLine(
      String scenario, String catalog, String from, String to, int line, String message) {
    String base = Map.of("HELM", HELM, "KIND_ONLY_VALUES", KIND_ONLY_VALUES).get(catalog);
    String a = "a".repeat(64);
    String text = base.replace(from.formatted(a, "A".repeat(64)), to.formatted(a, "A".repeat(64)));
    assertRefusedAt(
        () -> CatalogReader.parse(Path.of("catalog.yaml"), text), scenario, line, message);
  }

  static final String PRODUCTION =
      "name: production\nprotected: true\nkubeContext: aks-prd\nkubernetesVersion: \"1.32\"\n"
          + "azure:\n  subscriptionId: 11111111-2222-3333-4444-555555555555\n"
          + "  location: westeurope\n  namePrefix: dso\n";

  static final String SECRETS =
      SecretsCatalogs.grafanaAdmin("admin", "config: {file: observability/config.yaml}");

  @Test
  void readsAGeneratedSecretWithEachKindOfKey() {
    var spec = (ComponentSpec.Secrets) component(SECRETS, "kind-secrets").spec();
    var keys = spec.secrets().get(0).keys();
    assertThat(keys.get("admin-user")).isEqualTo(new ComponentSpec.KeySource.Value("admin"));
    assertThat(keys.get("admin-password")).isEqualTo(new ComponentSpec.KeySource.Random(32));
    assertThat(keys.get("config"))
        .isEqualTo(new ComponentSpec.KeySource.File("observability/config.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "short random|{random: 32}|{random: 8}|random length must be 16 to 128",
        "two sources|{random: 32}|{random: 32, value: x}|exactly one of random, file, value",
        "file outside|{random: 32}|{file: ../../etc/passwd}|inside the repository",
      })
  void rejectsABadGeneratedKeyNamingTheLine(String name, String from, String to, String why) {
    String text = SECRETS.replace("admin-password: " + from, "admin-password: " + to);
    assertRefusedAt(() -> CatalogReader.parse(Path.of("catalog.yaml"), text), 8, why);
  }

  @Test
  void inputsAreUpperCaseNamesForChartsAndManifestsOnly() {
    String manifests =
        "components:\n  - id: m\n    manifests: {path: m}\n"
            + "    inputs:\n      KEY_VAULT_NAME: terraform-security.key_vault_name\n";
    assertThat(component(manifests, "m").inputs()).containsKey("KEY_VAULT_NAME");
    assertThatThrownBy(
            () ->
                CatalogReader.parse(
                    Path.of("catalog.yaml"), manifests.replace("KEY_VAULT_NAME", "vault")))
        .hasMessageContaining("input 'vault' must match");
    String terraform =
        "components:\n  - id: t\n    terraform: {stack: infra/terraform/x}\n"
            + "    inputs:\n      NAME: terraform-aks.cluster_id\n";
    assertThatThrownBy(() -> CatalogReader.parse(Path.of("catalog.yaml"), terraform))
        .hasMessageContaining("helm or manifests only");
  }

  @Test
  void aProtectedEnvironmentNamesItsSubscription() {
    assertThat(
            EnvironmentReader.parse(Path.of("production.yaml"), PRODUCTION).protectedEnvironment())
        .isTrue();
    String withoutAzure = PRODUCTION.substring(0, PRODUCTION.indexOf("azure:"));
    assertRefusedAt(
        () -> EnvironmentReader.parse(Path.of("production.yaml"), withoutAzure),
        2,
        "must name its subscription");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upper-case GUID|11111111-2222-3333-4444-555555555555|11111111-2222-3333-4444-55555555555A|lower-case GUID",
        "wrong file|name: production|name: staging|file named staging.yaml",
        "typo|kubeContext:|kubecontext:|unknown key 'kubecontext'"
      })
  void refusesEnvironmentFilesThatCannotBeTrusted(
      String scenario, String from, String to, String message) {
    assertThatThrownBy(
            () -> EnvironmentReader.parse(Path.of("production.yaml"), PRODUCTION.replace(from, to)))
        .as(scenario)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  static final String KIND =
      "name: kind\nkubeContext: kind-devsecops\nkubernetesVersion: \"1.32\"\n"
          + "capacity:\n  cpu: 2500m\n  memory: 8Gi\n  nodes: 1\n";

  static final String KIND_ONLY_VALUES =
      HELM
          + "      environmentValues: kubernetes/web/web-{env}-values.yaml\n"
          + "      environmentValuesFor: [kind]\n";

  @Test
  void environmentValuesForLimitsTheFileToTheEnvironmentsItNames() {
    var helm = (ComponentSpec.Helm) component(KIND_ONLY_VALUES, "web").spec();
    var kind = EnvironmentReader.parse(Path.of("kind.yaml"), KIND);
    var production = EnvironmentReader.parse(Path.of("production.yaml"), PRODUCTION);
    assertThat(helm.environmentValues(kind)).contains("kubernetes/web/web-kind-values.yaml");
    assertThat(helm.environmentValues(production)).isEmpty();
    assertThat(helm.declaredEnvironmentValues())
        .containsExactly("kubernetes/web/web-kind-values.yaml");
  }

  static final String SIM =
      "name: sim\nbasedOn: kind\nkubeContext: sim-devsecops\nkubernetesVersion: \"1.32\"\n";

  @Test
  void anEnvironmentBasedOnAnotherTakesTheBaseFilesThenItsOwn() {
    var sim = EnvironmentReader.parse(Path.of("sim.yaml"), SIM);
    assertThat(sim.layers()).containsExactly("kind", "sim");
    var kindOnly = (ComponentSpec.Helm) component(KIND_ONLY_VALUES, "web").spec();
    assertThat(kindOnly.environmentValues(sim))
        .containsExactly("kubernetes/web/web-kind-values.yaml");
    var both =
        (ComponentSpec.Helm)
            component(
                    HELM
                        + "      environmentValues: kubernetes/web/web-{env}-values.yaml\n"
                        + "      environmentValuesFor: [sim, kind]\n",
                    "web")
                .spec();
    assertThat(both.environmentValues(sim))
        .containsExactly(
            "kubernetes/web/web-kind-values.yaml", "kubernetes/web/web-sim-values.yaml");
    var everyEnvironment =
        (ComponentSpec.Helm)
            component(
                    HELM + "      environmentValues: kubernetes/web/web-{env}-values.yaml\n", "web")
                .spec();
    assertThat(everyEnvironment.environmentValues(sim))
        .containsExactly("kubernetes/web/web-kind-values.yaml");
  }

  @Test
  void anEnvironmentCannotBeBasedOnItself() {
    assertRefusedAt(
        () ->
            EnvironmentReader.parse(
                Path.of("sim.yaml"), SIM.replace("basedOn: kind", "basedOn: sim")),
        2,
        "basedOn must name another environment");
  }

  @Test
  void environmentValuesWithoutAListStillAppliesToEveryEnvironment() {
    var helm =
        (ComponentSpec.Helm)
            component(
                    HELM + "      environmentValues: kubernetes/web/web-{env}-values.yaml\n", "web")
                .spec();
    var production = EnvironmentReader.parse(Path.of("production.yaml"), PRODUCTION);
    assertThat(helm.environmentValues(production))
        .contains("kubernetes/web/web-production-values.yaml");
    assertThat(helm.declaredEnvironmentValues()).isEmpty();
  }

  @Test
  void readsTheCapacityAsCoresAndBytes() {
    var capacity = EnvironmentReader.parse(Path.of("kind.yaml"), KIND).capacity().orElseThrow();
    assertThat(capacity.cpu()).isEqualByComparingTo("2.5");
    assertThat(capacity.memory()).isEqualByComparingTo(String.valueOf(8L << 30));
    assertThat(capacity.nodes()).isEqualTo(1);
    assertThat(capacity.source().line()).as("the line of capacity:").isEqualTo(4);
    assertThat(EnvironmentReader.parse(Path.of("production.yaml"), PRODUCTION).capacity())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not a quantity|cpu: 2500m|cpu: lots|5|lots' is not a Kubernetes quantity",
        "decimal K|memory: 8Gi|memory: 8K|6|not a Kubernetes quantity",
        "zero|memory: 8Gi|memory: 0Mi|6|greater than zero",
        "negative|cpu: 2500m|cpu: -1|5|greater than zero",
        "no node|nodes: 1|nodes: 0|7|at least 1",
        "unknown key|nodes: 1|disk: 1Ti|7|unknown key 'disk'"
      })
  void refusesACapacityThatIsNoQuantity(
      String scenario, String from, String to, int line, String message) {
    String text = KIND.replace(from, to.replace("\\n", "\n"));
    assertRefusedAt(
        () -> EnvironmentReader.parse(Path.of("kind.yaml"), text), scenario, line, message);
  }
}
