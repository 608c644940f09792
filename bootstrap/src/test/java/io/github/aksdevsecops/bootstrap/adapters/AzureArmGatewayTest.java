package io.github.aksdevsecops.bootstrap.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.sun.net.httpserver.HttpServer;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The ARM gateway against a real HTTP server on loopback that answers like Resource Manager. */
class AzureArmGatewayTest {
  static final String SUB = "11111111-2222-3333-4444-555555555555";
  HttpServer server;
  final Map<String, String> answers = new ConcurrentHashMap<>();
  final List<String> seen = new CopyOnWriteArrayList<>();
  String endpoint;
  final TokenCredential credential =
      ctx -> Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          seen.add(key + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
          String body = answers.get(key);
          byte[] bytes =
              (body == null ? "{\"error\":{\"code\":\"NotFound\"}}" : body)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  AzureArmGateway gateway(String subscription) {
    return new AzureArmGateway(endpoint, subscription, credential);
  }

  @Test
  void checksTheSubscriptionTerraformWillUse() {
    answers.put(
        "GET /subscriptions/" + SUB, "{\"subscriptionId\":\"" + SUB + "\",\"state\":\"Enabled\"}");
    assertThat(gateway(SUB).currentSubscription()).isEqualTo(SUB);
    assertThat(seen).containsExactly("GET /subscriptions/" + SUB + " auth=Bearer test-token");
    assertThatThrownBy(() -> gateway(null).currentSubscription())
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("ARM_SUBSCRIPTION_ID is not set");
  }

  @Test
  void followsPagesOfRegisteredProviders() {
    answers.put(
        "GET /subscriptions/" + SUB + "/providers",
        "{\"value\":[{\"namespace\":\"Microsoft.KeyVault\",\"registrationState\":\"Registered\"},"
            + "{\"namespace\":\"Microsoft.Dashboard\",\"registrationState\":\"NotRegistered\"}],"
            + "\"nextLink\":\""
            + endpoint
            + "/page2\"}");
    answers.put(
        "GET /page2",
        "{\"value\":[{\"namespace\":\"Microsoft.ContainerService\",\"registrationState\":\"Registered\"}]}");
    assertThat(gateway(SUB).registeredProviders())
        .containsExactly("Microsoft.ContainerService", "Microsoft.KeyVault");
  }

  @Test
  void computesFreeVcpusAndListsDeletedVaults() {
    answers.put(
        "GET /subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/westeurope/usages",
        "{\"value\":[{\"name\":{\"value\":\"standardDSv5Family\"},\"currentValue\":8,\"limit\":40}]}");
    answers.put(
        "GET /subscriptions/" + SUB + "/providers/Microsoft.KeyVault/deletedVaults",
        "{\"value\":[{\"name\":\"dso-stg-kv\"}]}");
    assertThat(gateway(SUB).freeVcpus("westeurope", "standardDSv5Family")).isEqualTo(32);
    assertThat(gateway(SUB).deletedKeyVaults()).containsExactly("dso-stg-kv");
  }

  @Test
  void decodesTheUserKubeconfigIntoASecret() {
    String kubeconfig = "apiVersion: v1\nusers: [{user: {token: TOP-SECRET}}]\n";
    answers.put(
        "POST /subscriptions/"
            + SUB
            + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"
            + "/listClusterUserCredential",
        "{\"kubeconfigs\":[{\"name\":\"clusterUser\",\"value\":\""
            + Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))
            + "\"}]}");
    Secret secret = gateway(SUB).userKubeconfig("rg", "aks");
    assertThat(secret.reveal()).isEqualTo(kubeconfig);
    assertThat(secret.toString()).isEqualTo("[redacted]");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "rg/../../other, aks, resource group",
    "rg, aks/../../x, cluster name",
    "rg., aks, resource group",
    "rg, -aks, cluster name"
  })
  void pathSegmentsFromOutputsAreValidatedBeforeAnyCall(String group, String cluster, String what) {
    assertThatThrownBy(() -> gateway(SUB).userKubeconfig(group, cluster))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("is not a valid Azure " + what);
    assertThat(seen).isEmpty();
  }

  @Test
  void aSubscriptionThatIsNotAGuidIsNeverSent() {
    assertThatThrownBy(() -> gateway("../providers").registeredProviders())
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("subscription '../providers' is not a valid Azure subscription");
    assertThat(seen).isEmpty();
  }

  @Test
  void anErrorNamesStatusAndCodeButNotTheToken() {
    assertThatThrownBy(() -> gateway(SUB).deletedKeyVaults())
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("Azure answered 404 NotFound for GET /subscriptions/" + SUB)
        .hasMessageNotContaining("test-token");
  }
}
