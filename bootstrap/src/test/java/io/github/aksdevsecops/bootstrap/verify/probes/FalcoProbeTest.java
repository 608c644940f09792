package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.MockApi;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shell-and-write attack in the probe Pod, then Falcosidekick's alert in Alertmanager (staging
 * has both), found by the written file, carrying the rule's MITRE technique.
 */
@EnableKubernetesMockClient
class FalcoProbeTest extends ProbeTestBase {
  static final String FILE = "/etc/ssh/verify-" + MockApi.RUN;
  static final String ALERTS = "/api/v2/alerts?filter=rule%3D%22Write%20to%20sensitive%20file%22";

  @BeforeEach
  void attack() {
    api.readyProbePod();
    api.exec("verify-probe", List.of("sh", "-c", "echo verify > " + FILE), "", "", 0);
  }

  Endpoint alertmanager() {
    return staging.monitoring().alertmanager().orElseThrow();
  }

  static String alert(String tags) {
    return "[{\"labels\":{\"rule\":\"Write to sensitive file\",\"priority\":\"Critical\","
        + "\"tags\":\""
        + tags
        + "\",\"k8s_pod_name\":\"verify-probe\"},\"annotations\":{\"description\":"
        + "\"Sensitive file opened for writing (file="
        + FILE
        + " user=nonroot process=sh)\"}}]";
  }

  @Test
  void passesWhenTheAlertArrivesWithItsTechnique() throws Exception {
    api.proxy(alertmanager(), ALERTS, 200, alert("T1098,container,filesystem,mitre_persistence"));
    ProbeResult result = passes("runtime.falco");
    assertThat(result.evidence().get(0)).isEqualTo("exec sh in verify-probe, wrote " + FILE);
    assertThat(result.evidence().get(1))
        .startsWith("alert with T1098: rule=Write to sensitive file priority=Critical");
  }

  @Test
  void failsWhenNoAlertArrivesWithinThePatience() throws Exception {
    api.proxy(alertmanager(), ALERTS, 200, "[]");
    ProbeResult result = fails("runtime.falco");
    assertThat(result.evidence().get(1))
        .isEqualTo(
            "no \"Write to sensitive file\" event for "
                + FILE
                + " reached Alertmanager within 1 s");
  }

  @Test
  void failsWhenTheAlertLacksTheTechnique() throws Exception {
    api.proxy(alertmanager(), ALERTS, 200, alert("container,filesystem"));
    ProbeResult result = fails("runtime.falco");
    assertThat(result.evidence().get(1)).startsWith("alert WITHOUT its MITRE technique T1098");
  }

  @Test
  void goesToLokiWhereThereIsNoAlertmanager() throws Exception {
    var noAlertmanager = without(staging, "observability");
    Endpoint loki = staging.monitoring().loki().orElseThrow();
    api.proxy(
        loki,
        "/loki/api/v1/query_range?since=10m&limit=10&query="
            + FalcoProbe.encode("{rule=\"Write to sensitive file\"} |= \"" + FILE + "\""),
        200,
        "{\"status\":\"success\",\"data\":{\"result\":[{\"stream\":{\"rule\":"
            + "\"Write to sensitive file\",\"tags\":\"T1098,container\"},\"values\":"
            + "[[\"1700000000000000000\",\"Sensitive file opened for writing (file="
            + FILE
            + ")\"]]}]}}");
    ProbeResult result = run("runtime.falco", noAlertmanager);
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(1))
        .startsWith("alert with T1098: rule=Write to sensitive file");
  }
}
