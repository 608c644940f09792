package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.aksdevsecops.bootstrap.json.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the platform's stores (Prometheus, Alertmanager, Loki, Tempo) through the API server's
 * service proxy. The stores are meant to be unreachable from workloads (the network probe checks
 * that), so a reader that needs them goes the operator's way: authenticated, RBAC-checked.
 */
public final class ServiceProxy {
  private final KubernetesClient client;

  public ServiceProxy(KubernetesClient client) {
    this.client = client;
  }

  /** The JSON answer of {@code endpoint} at {@code pathAndQuery}. */
  public JsonNode json(Endpoint endpoint, String pathAndQuery) {
    String body = text(endpoint, pathAndQuery);
    try {
      return Json.readTree(body);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          endpoint + pathAndQuery + " did not answer JSON: " + abbreviate(body), e);
    }
  }

  /** The answer, or empty when the API server says 404 (e.g. Tempo before a trace arrives). */
  public Optional<String> find(Endpoint endpoint, String pathAndQuery) {
    try {
      return Optional.ofNullable(client.raw(endpoint.proxyPath(pathAndQuery)));
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "GET " + endpoint + pathAndQuery + " through the API server failed: " + e.getMessage(),
          e);
    }
  }

  public String text(Endpoint endpoint, String pathAndQuery) {
    return find(endpoint, pathAndQuery)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "GET " + endpoint + pathAndQuery + ": not found (is the Service there?)"));
  }

  static String abbreviate(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }
}
