package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod Security Admission refusing host access in every restricted namespace, or not. */
@EnableKubernetesMockClient
class PodSecurityProbeTest extends ProbeTestBase {
  static final String PSS =
      "pods \"verify-host-network\" is forbidden: violates PodSecurity \"restricted:v1.32\":"
          + " host namespaces (hostNetwork=true)";

  @Test
  void passesWhenEveryRestrictedNamespaceRefusesBothPods() throws Exception {
    List<String> namespaces = staging.restrictedNamespaces();
    assertThat(namespaces).contains("devsecops-app", "argocd");
    for (String ns : namespaces) {
      api.refuses(ns, 403, PSS);
      api.refuses(ns, 403, PSS.replace("hostNetwork=true", "hostPath volumes"));
    }
    ProbeResult result = passes("pod-security.host-access");
    assertThat(result.evidence()).hasSize(2 * namespaces.size());
    assertThat(api.requests())
        .filteredOn(r -> r.startsWith("POST"))
        .contains("POST /api/v1/namespaces/devsecops-app/pods?dryRun=All");
  }

  @Test
  void failsWhenANamespaceAdmitsAHostNetworkPod() throws Exception {
    for (String ns : staging.restrictedNamespaces()) {
      if (ns.equals("argocd")) {
        api.admits(ns);
      } else {
        api.refuses(ns, 403, PSS);
      }
      api.refuses(ns, 403, PSS);
    }
    ProbeResult result = fails("pod-security.host-access");
    assertThat(result.evidence())
        .contains("argocd: a Pod on the host network was ADMITTED (server-side dry run)");
  }

  @Test
  void failsWhenSomethingElseThanPodSecurityRefuses() throws Exception {
    for (String ns : staging.restrictedNamespaces()) {
      api.refuses(ns, 400, "admission webhook \"validate.kyverno.svc-fail\" denied the request");
      api.refuses(ns, 403, PSS);
    }
    ProbeResult result = fails("pod-security.host-access");
    assertThat(result.evidence().get(0)).contains("was refused, not by Pod Security");
  }
}
