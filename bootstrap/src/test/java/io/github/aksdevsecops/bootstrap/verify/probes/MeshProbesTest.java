package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STRICT mTLS and the unlisted caller, from the sandbox's plain and meshed probe Pods. */
@EnableKubernetesMockClient
class MeshProbesTest extends ProbeTestBase {
  static final String MESHED_URL = "http://10.244.0.11:8080/";

  @Test
  void strictMtlsPassesWhenThePlaintextConnectionIsReset() throws Exception {
    api.readyProbePod();
    api.readyMeshedPod(true);
    api.curlFails(MESHED_URL, List.of(), 56, "Recv failure: Connection reset by peer");
    ProbeResult result = passes("mesh.strict-mtls");
    assertThat(result.evidence().get(0)).contains("from outside the mesh: refused");
  }

  @Test
  void strictMtlsFailsWhenPlaintextIsAnswered() throws Exception {
    api.readyProbePod();
    api.readyMeshedPod(true);
    api.curl(MESHED_URL, List.of(), http(200, "content-length: 2\r\n", "ok"));
    ProbeResult result = fails("mesh.strict-mtls");
    assertThat(result.evidence().get(0)).contains("ACCEPTED, HTTP 200: ok");
  }

  @Test
  void strictMtlsFailsWhenNoSidecarWasInjected() throws Exception {
    api.readyProbePod();
    api.readyMeshedPod(false);
    ProbeResult result = fails("mesh.strict-mtls");
    assertThat(result.evidence().get(0)).startsWith("no sidecar was injected into verify-meshed");
  }

  String apiUrl() {
    return service().http().url(ingress().path());
  }

  @Test
  void anUnlistedCallerDeniedByEnvoyRbacPasses() throws Exception {
    api.readyMeshedPod(true);
    api.meshedCurl(apiUrl(), List.of(), http(403, "server: envoy\r\n", "RBAC: access denied"));
    ProbeResult result = passes("mesh.unlisted-caller");
    assertThat(result.evidence().get(0)).contains("denied by the AuthorizationPolicy (Envoy RBAC)");
  }

  @Test
  void anUnlistedCallerStoppedByTheNetworkPolicyPassesAndSaysSo() throws Exception {
    api.readyMeshedPod(true);
    api.meshedCurl(
        apiUrl(),
        List.of(),
        http(503, "", "upstream connect error or disconnect/reset before headers."));
    ProbeResult result = run("mesh.unlisted-caller");
    assertThat(result).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(0))
        .contains("denied by the NetworkPolicy before the AuthorizationPolicy was reached");
  }

  @Test
  void anUnlistedCallerThatReachesTheServiceFails() throws Exception {
    api.readyMeshedPod(true);
    api.meshedCurl(apiUrl(), List.of(), http(401, "www-authenticate: Bearer\r\n", "{}"));
    ProbeResult result = fails("mesh.unlisted-caller");
    assertThat(result.evidence().get(0)).contains("NOT denied, HTTP 401");
  }
}
