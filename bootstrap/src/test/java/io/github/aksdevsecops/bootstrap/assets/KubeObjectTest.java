package io.github.aksdevsecops.bootstrap.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeObjectTest {
  static KubeObject object(String yaml, String namespace) {
    return KubeObject.of(YamlFiles.parseOne(Path.of("o.yaml"), yaml), namespace);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Deployment|apps/v1|spec:\\n  template:\\n    metadata:\\n      labels: {app: web}\\n",
        "StatefulSet|apps/v1|spec:\\n  template:\\n    metadata:\\n      labels: {app: web}\\n",
        "DaemonSet|apps/v1|spec:\\n  template:\\n    metadata:\\n      labels: {app: web}\\n",
        "Rollout|argoproj.io/v1alpha1|spec:\\n  template:\\n    metadata:\\n      labels: {app: web}\\n",
        "Job|batch/v1|spec:\\n  template:\\n    metadata:\\n      labels: {app: web}\\n",
        "CronJob|batch/v1|spec:\\n  jobTemplate:\\n    spec:\\n      template:\\n        metadata:\\n"
            + "          labels: {app: web}\\n",
        "Pod|v1|metadata2: {}\\n"
      })
  void everyKindThatRunsPodsHasItsPodLabels(String kind, String apiVersion, String rest) {
    String labels = kind.equals("Pod") ? "  labels: {app: web}\n" : "";
    KubeObject o =
        object(
            "apiVersion: "
                + apiVersion
                + "\nkind: "
                + kind
                + "\nmetadata:\n  name: w\n"
                + labels
                + (kind.equals("Pod") ? "spec: {}\n" : rest.replace("\\n", "\n")),
            "shop");
    assertThat(o.isWorkload()).isTrue();
    assertThat(o.podTemplateLabels()).contains(Map.of("app", "web"));
  }

  @Test
  void otherKindsHaveNoPods() {
    KubeObject o = object("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n", null);
    assertThat(o.isWorkload()).isFalse();
    assertThat(o.podTemplateLabels()).isEmpty();
  }

  @Test
  void clusterScopedObjectsIgnoreTheKustomizationNamespace() {
    KubeObject o = object("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n", "other");
    assertThat(o.namespace()).isNull();
    assertThat(o.describe()).isEqualTo("Namespace shop");
  }
}
