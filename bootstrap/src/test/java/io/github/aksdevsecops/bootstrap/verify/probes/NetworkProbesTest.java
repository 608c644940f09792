package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.Endpoint;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS, isolation and the allowed flows, seen from the probe Pod's curl and nslookup. */
@EnableKubernetesMockClient
class NetworkProbesTest extends ProbeTestBase {
  static final String UP =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
          + "{\"metric\":{\"job\":\"devsecops-app\",\"instance\":\"10.0.1.4:8081\"},"
          + "\"value\":[1700000000,\"%s\"]}]}}";

  @BeforeEach
  void probePod() {
    api.readyProbePod();
  }

  @Test
  void dnsPassesWhenTheApiServerNameResolves() throws Exception {
    api.exec(
        "verify-probe",
        List.of("nslookup", DnsProbe.NAME),
        "Server:\t10.0.0.10\nAddress:\t10.0.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\n"
            + "Address: 10.0.0.1\n",
        "",
        0);
    ProbeResult result = passes("network.dns");
    assertThat(result.evidence().get(0)).contains("Address: 10.0.0.1");
  }

  @Test
  void dnsFailsWhenNothingResolves() throws Exception {
    api.exec(
        "verify-probe",
        List.of("nslookup", DnsProbe.NAME),
        "",
        ";; connection timed out; no servers could be reached",
        1);
    ProbeResult result = fails("network.dns");
    assertThat(result.evidence().get(0)).contains("exit 1").contains("no servers could be reached");
  }

  @Test
  void monitoringIsIsolatedWhenNoConnectionComesAbout() throws Exception {
    for (IsolationProbe.Target t : Probes.monitoringTargets(staging)) {
      api.curlFails(t.url(), List.of(), 28, "Connection timed out after 5002 milliseconds");
    }
    ProbeResult result = passes("network.monitoring-isolated");
    assertThat(result.evidence())
        .hasSize(3)
        .anyMatch(e -> e.startsWith("Loki http://loki-gateway.monitoring.svc.cluster.local:80"))
        .allMatch(e -> e.contains(": unreachable, no HTTP answer (curl exit 28"));
  }

  @Test
  void monitoringIsNotIsolatedWhenPrometheusAnswers() throws Exception {
    for (IsolationProbe.Target t : Probes.monitoringTargets(staging)) {
      if (t.name().equals("Prometheus")) {
        api.curl(t.url(), List.of(), http(200, "", "Prometheus Server is Ready.\n"));
      } else {
        api.curlFails(t.url(), List.of(), 7, "Failed to connect");
      }
    }
    ProbeResult result = fails("network.monitoring-isolated");
    assertThat(result.evidence())
        .anyMatch(e -> e.startsWith("Prometheus") && e.contains("REACHABLE, HTTP 200"));
  }

  @Test
  void theServiceIsNotIsolatedWhenAConnectionIsMadeAndReset() throws Exception {
    List<IsolationProbe.Target> targets = Probes.serviceTargets(staging);
    api.curlFails(targets.get(0).url(), List.of(), 56, "Recv failure: Connection reset by peer");
    api.curlFails(targets.get(1).url(), List.of(), 28, "Connection timed out");
    ProbeResult result = fails("network.app-isolated");
    assertThat(result.evidence().get(0))
        .startsWith("service port http://devsecops-app.devsecops-app.svc.cluster.local:8080/")
        .contains("REACHABLE");
  }

  @Test
  void allowedFlowsPassWhenTheServiceAnswersThroughTheIngressAndIsScraped() throws Exception {
    var in = ingress();
    api.curl(
        in.url(in.path()),
        Ingresses.options(in),
        http(401, "www-authenticate: Bearer\r\n", "{\"status\":401}"));
    prometheusUp("1");
    ProbeResult result = passes("network.allowed-flows");
    assertThat(result.evidence().get(0)).contains("reached the service, HTTP 401");
  }

  @Test
  void allowedFlowsFailWhenTheControllerCannotReachTheService() throws Exception {
    var in = ingress();
    api.curl(in.url(in.path()), Ingresses.options(in), http(504, "", "<html>504 Gateway Time-out"));
    prometheusUp("0");
    ProbeResult result = fails("network.allowed-flows");
    assertThat(result.evidence().get(0)).contains("DID NOT reach the service, HTTP 504");
    assertThat(result.evidence().get(1)).endsWith(" 0");
  }

  void prometheusUp(String value) {
    Endpoint prometheus = staging.monitoring().prometheus().orElseThrow();
    api.proxy(
        prometheus,
        "/api/v1/query?query=up%7Bjob%3D%22devsecops-app%22%7D",
        200,
        String.format(UP, value));
  }
}
