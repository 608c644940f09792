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
 *
 * <p>Five read calls (and one credentials call) through azure-core's pipeline rather than the typed
 * azure-resourcemanager-* clients: of the four management libraries these calls need, the compute
 * and key vault ones are not served at versions that converge with the others (see
 * bootstrap/README.md). Each call names its api-version once, below, and every path segment taken
 * from configuration or Terraform outputs is validated before it becomes part of a URL.
 */
public final class AzureArmGateway implements AzureGateway {
  static final String SCOPE = "https://management.azure.com/.default";
  static final String SUBSCRIPTIONS_API = "2022-12-01";
  static final String PROVIDERS_API = "2021-04-01";
  static final String COMPUTE_USAGES_API = "2024-07-01";
  static final String KEY_VAULT_API = "2023-07-01";
  static final String MANAGED_CLUSTERS_API = "2024-09-01";

  private static final java.util.regex.Pattern GUID =
      java.util.regex.Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Resource group names: letters, digits, '-', '_', '.', '(', ')'; 1-90; no trailing '.'. */
  private static final java.util.regex.Pattern RESOURCE_GROUP =
      java.util.regex.Pattern.compile("[-\\w.()]{0,89}[-\\w()]");

  /** AKS cluster names: letters, digits, '-', '_'; 1-63; starting with a letter or digit. */
  private static final java.util.regex.Pattern CLUSTER =
      java.util.regex.Pattern.compile("[a-zA-Z0-9][-_a-zA-Z0-9]{0,62}");

  private static final java.util.regex.Pattern LOCATION =
      java.util.regex.Pattern.compile("[a-z0-9]{1,40}");

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
    JsonNode sub = call(HttpMethod.GET, subscriptionPath() + "?api-version=" + SUBSCRIPTIONS_API);
    String state = sub.path("state").asText();
    if (!"Enabled".equals(state)) {
      throw new UnexpectedStateException("subscription " + subscription + " is " + state);
    }
    return sub.path("subscriptionId").asText(subscription);
  }

  @Override
  public Set<String> registeredProviders() {
    Set<String> result = new TreeSet<>();
    for (JsonNode p : list(subscriptionPath() + "/providers?api-version=" + PROVIDERS_API)) {
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
            subscriptionPath()
                + "/providers/Microsoft.Compute/locations/"
                + segment("location", location, LOCATION)
                + "/usages?api-version="
                + COMPUTE_USAGES_API)) {
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
            subscriptionPath()
                + "/providers/Microsoft.KeyVault/deletedVaults?api-version="
                + KEY_VAULT_API)) {
      names.add(v.path("name").asText());
    }
    return names;
  }

  @Override
  public Secret userKubeconfig(String resourceGroup, String cluster) {
    JsonNode result =
        call(
            HttpMethod.POST,
            subscriptionPath()
                + "/resourceGroups/"
                + segment("resource group", resourceGroup, RESOURCE_GROUP)
                + "/providers/Microsoft.ContainerService/managedClusters/"
                + segment("cluster name", cluster, CLUSTER)
                + "/listClusterUserCredential?api-version="
                + MANAGED_CLUSTERS_API);
    JsonNode first = result.path("kubeconfigs").path(0).path("value");
    if (first.isMissingNode()) {
      throw new UnexpectedStateException(
          "no user kubeconfig returned for " + resourceGroup + "/" + cluster);
    }
    return new Secret(
        new String(Base64.getDecoder().decode(first.asText()), StandardCharsets.UTF_8));
  }

  private String subscriptionPath() {
    return "/subscriptions/" + segment("subscription", subscription, GUID);
  }

  /** A value that becomes part of a URL path: it must look like what Azure names it. */
  static String segment(String what, String value, java.util.regex.Pattern allowed) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new UnexpectedStateException(
          what
              + " '"
              + value
              + "' is not a valid Azure "
              + what
              + ": refusing to call Azure with it");
    }
    return value;
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
