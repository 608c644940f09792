package io.github.aksdevsecops.bootstrap.adapters;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.aksdevsecops.bootstrap.json.Json;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Azure Resource Manager through the Azure SDK: azure-identity's credential chain (environment,
 * workload identity, managed identity, Azure CLI login) and azure-core's JDK HTTP client with
 * timeouts. The subscription is the one Terraform's azurerm provider uses: ARM_SUBSCRIPTION_ID.
 */
public final class AzureArmGateway implements AzureGateway {
  static final String SCOPE = "https://management.azure.com/.default";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String endpoint;
  private final String subscription;
  private final TokenCredential credential;
  private final HttpClient http;

  /** {@code subscription} may be null: currentSubscription() then reports the missing setting. */
  public AzureArmGateway(String endpoint, String subscription, TokenCredential credential) {
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.subscription = subscription;
    this.credential = credential;
    this.http =
        new JdkHttpClientBuilder()
            .connectionTimeout(TIMEOUT)
            .responseTimeout(TIMEOUT)
            .readTimeout(TIMEOUT)
            .build();
  }

  /**
   * The production gateway: management.azure.com, ARM_SUBSCRIPTION_ID, the default credential
   * chain.
   */
  public static AzureArmGateway fromEnvironment(Function<String, String> env) {
    return new AzureArmGateway(
        "https://management.azure.com",
        env.apply("ARM_SUBSCRIPTION_ID"),
        new DefaultAzureCredentialBuilder().build());
  }

  @Override
  public String currentSubscription() {
    if (subscription == null || subscription.isBlank()) {
      throw new UnexpectedStateException(
          "ARM_SUBSCRIPTION_ID is not set: Terraform and this tool must agree on the subscription");
    }
    JsonNode sub =
        call(HttpMethod.GET, "/subscriptions/" + subscription + "?api-version=2022-12-01");
    String state = sub.path("state").asText();
    if (!"Enabled".equals(state)) {
      throw new UnexpectedStateException("subscription " + subscription + " is " + state);
    }
    return sub.path("subscriptionId").asText(subscription);
  }

  @Override
  public Set<String> registeredProviders() {
    Set<String> result = new TreeSet<>();
    for (JsonNode p :
        list("/subscriptions/" + subscription + "/providers?api-version=2021-04-01")) {
      if ("Registered".equals(p.path("registrationState").asText())) {
        result.add(p.path("namespace").asText());
      }
    }
    return result;
  }

  @Override
  public int freeVcpus(String location, String vmFamily) {
    for (JsonNode usage :
        list(
            "/subscriptions/"
                + subscription
                + "/providers/Microsoft.Compute/locations/"
                + location
                + "/usages?api-version=2024-07-01")) {
      if (usage.path("name").path("value").asText().equalsIgnoreCase(vmFamily)) {
        return usage.path("limit").asInt() - usage.path("currentValue").asInt();
      }
    }
    throw new UnexpectedStateException(
        "no quota entry for VM family " + vmFamily + " in " + location);
  }

  @Override
  public List<String> deletedKeyVaults() {
    List<String> names = new ArrayList<>();
    for (JsonNode v :
        list(
            "/subscriptions/"
                + subscription
                + "/providers/Microsoft.KeyVault/deletedVaults?api-version=2023-07-01")) {
      names.add(v.path("name").asText());
    }
    return names;
  }

  @Override
  public Secret userKubeconfig(String resourceGroup, String cluster) {
    JsonNode result =
        call(
            HttpMethod.POST,
            "/subscriptions/"
                + subscription
                + "/resourceGroups/"
                + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/"
                + cluster
                + "/listClusterUserCredential?api-version=2024-09-01");
    JsonNode first = result.path("kubeconfigs").path(0).path("value");
    if (first.isMissingNode()) {
      throw new UnexpectedStateException(
          "no user kubeconfig returned for " + resourceGroup + "/" + cluster);
    }
    return new Secret(
        new String(Base64.getDecoder().decode(first.asText()), StandardCharsets.UTF_8));
  }

  private List<JsonNode> list(String path) {
    List<JsonNode> items = new ArrayList<>();
    String next = path;
    int pages = 0;
    while (next != null && pages++ < 100) {
      JsonNode page = call(HttpMethod.GET, next);
      page.path("value").forEach(items::add);
      String link = page.path("nextLink").asText("");
      next = link.startsWith(endpoint) ? link.substring(endpoint.length()) : null;
    }
    return items;
  }

  private JsonNode call(HttpMethod method, String path) {
    String token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE)).getToken();
    HttpRequest request =
        new HttpRequest(method, endpoint + path)
            .setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token)
            .setHeader(HttpHeaderName.ACCEPT, "application/json");
    if (method == HttpMethod.POST) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody("{}");
    }
    try (HttpResponse response = http.sendSync(request, Context.NONE)) {
      String body = response.getBodyAsBinaryData().toString();
      if (response.getStatusCode() / 100 != 2) {
        JsonNode error = body.isBlank() ? null : Json.readTree(body).path("error");
        String code = error == null ? "" : error.path("code").asText("");
        throw new UnexpectedStateException(
            "Azure answered "
                + response.getStatusCode()
                + (code.isEmpty() ? "" : " " + code)
                + " for "
                + method
                + " "
                + path.replaceAll("\\?.*", ""));
      }
      return Json.readTree(body);
    }
  }
}
