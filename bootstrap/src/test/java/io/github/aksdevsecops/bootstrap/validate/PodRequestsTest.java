package io.github.aksdevsecops.bootstrap.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodRequestsTest {
  static final long MI = 1L << 20;

  static Map<String, Object> yaml(String text) {
    return Plain.map(YamlFiles.parseOne(Path.of("pod.yaml"), text).toPlain());
  }

  static PodRequests.Resources effective(String podSpec) {
    return PodRequests.effective(yaml(podSpec));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "100m, 0.1",
    "1.5, 1.5",
    "2, 2",
    "512Mi, 536870912",
    "1G, 1000000000",
    "1Gi, 1073741824",
    "128974848, 128974848",
    "1e3, 1000"
  })
  void readsKubernetesQuantities(String quantity, String expected) {
    assertThat(PodRequests.quantity(quantity)).isEqualByComparingTo(expected);
  }

  @Test
  void anAbsentQuantityIsZeroAndAMalformedOneIsRefused() {
    assertThat(PodRequests.quantity(null)).isZero();
    assertThatThrownBy(() -> PodRequests.quantity("1K"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sumsTheContainersOfAPod() {
    PodRequests.Resources r =
        effective(
            "containers:\n"
                + "- resources: {requests: {cpu: 100m, memory: 512Mi}}\n"
                + "- resources: {requests: {cpu: '1.5', memory: 1G}}\n");
    assertThat(r.cpu()).isEqualByComparingTo("1.6");
    assertThat(r.memory()).isEqualByComparingTo(BigDecimal.valueOf(512 * MI + 1_000_000_000L));
  }

  @Test
  void aContainerWithOnlyALimitRequestsItsLimit() {
    PodRequests.Resources r =
        effective("containers:\n- resources: {limits: {cpu: 250m, memory: 64Mi}}\n");
    assertThat(r.cpu()).isEqualByComparingTo("0.25");
    assertThat(r.memory()).isEqualByComparingTo(BigDecimal.valueOf(64 * MI));
  }

  /** CPU in cores and memory in MiB, each with what it is made of. */
  static void assertRequests(
      PodRequests.Resources r, String cpu, String cpuFrom, long memoryMi, String memoryFrom) {
    assertThat(r.cpu()).as(cpuFrom).isEqualByComparingTo(cpu);
    assertThat(r.memory()).as(memoryFrom).isEqualByComparingTo(BigDecimal.valueOf(memoryMi * MI));
  }

  @Test
  void anInitContainerLargerThanTheAppContainersSetsTheRequestPerResource() {
    PodRequests.Resources r =
        effective(
            "initContainers:\n"
                + "- resources: {requests: {cpu: '2', memory: 10Mi}}\n"
                + "- resources: {requests: {cpu: 10m, memory: 20Mi}}\n"
                + "containers:\n"
                + "- resources: {requests: {cpu: 500m, memory: 256Mi}}\n");
    assertRequests(r, "2", "the largest init container's CPU", 256, "the app containers' memory");
  }

  @Test
  void sidecarInitContainersAddToTheAppContainersAndToLaterInitContainers() {
    PodRequests.Resources r =
        effective(
            "initContainers:\n"
                + "- restartPolicy: Always\n"
                + "  resources: {requests: {cpu: 100m, memory: 100Mi}}\n"
                + "- resources: {requests: {cpu: '1', memory: 10Mi}}\n"
                + "containers:\n"
                + "- resources: {requests: {cpu: 200m, memory: 200Mi}}\n");
    assertRequests(
        r, "1.1", "sidecar + the init container after it", 300, "sidecar + app container");
  }

  @Test
  void addsThePodOverhead() {
    PodRequests.Resources r =
        effective(
            "overhead: {cpu: 250m, memory: 120Mi}\n"
                + "containers:\n- resources: {requests: {cpu: 250m, memory: 8Mi}}\n");
    assertThat(r.cpu()).isEqualByComparingTo("0.5");
    assertThat(r.memory()).isEqualByComparingTo(BigDecimal.valueOf(128 * MI));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Deployment without replicas|{kind: Deployment, spec: {}}|0|1",
        "StatefulSet replicas|{kind: StatefulSet, spec: {replicas: 3}}|0|3",
        "replicas below the HPA minimum|{kind: Deployment, spec: {replicas: 1}}|2|2",
        "replicas above the HPA minimum|{kind: Deployment, spec: {replicas: 4}}|2|4",
        "DaemonSet once per node|{kind: DaemonSet, spec: {}}|0|5",
        "Job parallelism|{kind: Job, spec: {parallelism: 2}}|0|2",
        "CronJob|{kind: CronJob, spec: {jobTemplate: {spec: {}}}}|0|1",
        "Prometheus replicas times shards|{kind: Prometheus, spec: {replicas: 2, shards: 3}}|0|6",
        "Alertmanager replicas|{kind: Alertmanager, spec: {replicas: 2}}|0|2",
        "bare Pod|{kind: Pod, spec: {}}|0|1"
      })
  void countsThePodsEachSourceKeepsRunning(
      String scenario, String doc, int autoscalerMinimum, int pods) {
    assertThat(PodRequests.pods(yaml(doc), 5, autoscalerMinimum)).as(scenario).isEqualTo(pods);
  }
}
