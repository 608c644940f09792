package io.github.aksdevsecops.bootstrap.verify;

/**
 * A Service port of the platform: reached from a probe Pod by its cluster DNS name, or by the
 * bootstrap through the API server's service proxy.
 */
public record Endpoint(String namespace, String service, int port) {

  /** {@code http://service.namespace.svc.cluster.local:port} followed by {@code path}. */
  public String url(String path) {
    return "http://" + host() + ":" + port + path;
  }

  public String host() {
    return service + "." + namespace + ".svc.cluster.local";
  }

  /** The API server path that proxies {@code path} to this Service over plain HTTP. */
  public String proxyPath(String path) {
    return "/api/v1/namespaces/"
        + namespace
        + "/services/http:"
        + service
        + ":"
        + port
        + "/proxy"
        + path;
  }

  @Override
  public String toString() {
    return namespace + "/" + service + ":" + port;
  }
}
