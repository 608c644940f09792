package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * fabric8's mock server in expectation mode answering as the API server of a platform cluster
 * would: Kyverno-style denials, exec streams of the probe Pods, answers of the platform's stores
 * through the service proxy. The sandbox of these tests is {@code verify-test0001}.
 */
public final class MockApi {
  public static final String RUN = "test0001";
  public static final String NS = "verify-" + RUN;
  public static final ProbeImage IMAGE =
      new ProbeImage("acrdevsecopsstg.azurecr.io/verify-probe@" + ProbeImage.DIGEST);

  /** Short waits: a second of patience, polled every 50 ms. */
  public static final Timing FAST =
      new Timing(
          Duration.ofSeconds(20),
          Duration.ofSeconds(1),
          Duration.ofMillis(50),
          Duration.ofSeconds(2));

  public final KubernetesMockServer server;
  public final KubernetesClient client;

  public MockApi(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces")
        .andReturn(201, new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .always();
    server
        .expect()
        .delete()
        .withPath("/api/v1/namespaces/" + NS)
        .andReturn(200, success())
        .always();
  }

  /** A context over {@code facts} with the sandbox created (its POST answered). */
  public ProbeContext context(PlatformFacts facts) {
    return new ProbeContext(client, facts, Sandbox.create(client, IMAGE, FAST, RUN), FAST);
  }

  /** The probe Pod {@code name} of the sandbox is created and Ready, with these containers. */
  public Pod readyPod(String name, String ip, String... containers) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withPodIP(ip)
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus();
    for (String c : containers) {
      builder.editSpec().addNewContainer().withName(c).endContainer().endSpec();
    }
    Pod pod = builder.build();
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/pods")
        .andReturn(201, pod)
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + NS + "/pods/" + name)
        .andReturn(200, pod)
        .always();
    return pod;
  }

  /** The meshed probe Pod, Ready; with an injected sidecar unless {@code sidecar} is false. */
  public Pod readyMeshedPod(boolean sidecar) {
    return sidecar
        ? readyPod(Sandbox.MESHED, "10.244.0.11", PodSpecs.CONTAINER, "istio-proxy")
        : readyPod(Sandbox.MESHED, "10.244.0.11", PodSpecs.CONTAINER);
  }

  public Pod readyProbePod() {
    return readyPod(Sandbox.PROBE, "10.244.0.10", PodSpecs.CONTAINER);
  }

  /** One exec of {@code argv} in the sandbox Pod {@code pod}: what it prints and its exit code. */
  public void exec(String pod, List<String> argv, String stdout, String stderr, int exit) {
    List<Object> messages = new ArrayList<>();
    if (!stdout.isEmpty()) {
      messages.add(new OutputStreamMessage(stdout));
    }
    if (!stderr.isEmpty()) {
      messages.add(new ErrorStreamMessage(stderr));
    }
    messages.add(new StatusStreamMessage(exit));
    server
        .expect()
        .get()
        .withPath(execPath(pod, argv))
        .andUpgradeToWebSocket()
        .open(messages.toArray())
        .done()
        .once();
  }

  /** curl in the plain probe Pod answers {@code head + body} (exit 0). */
  public void curl(String url, List<String> options, String response) {
    exec(Sandbox.PROBE, Curl.command(url, options), response, "", 0);
  }

  /** curl in the meshed probe Pod answers {@code response}. */
  public void meshedCurl(String url, List<String> options, String response) {
    exec(Sandbox.MESHED, Curl.command(url, options), response, "", 0);
  }

  /** curl in the plain probe Pod gets no answer: curl's exit code and message. */
  public void curlFails(String url, List<String> options, int exit, String message) {
    exec(Sandbox.PROBE, Curl.command(url, options), "", "curl: (" + exit + ") " + message, exit);
  }

  public static String execPath(String pod, List<String> argv) {
    return "/api/v1/namespaces/"
        + NS
        + "/pods/"
        + pod
        + "/exec?"
        + argv.stream().map(a -> "command=" + encode(a)).collect(Collectors.joining("&"))
        + "&container="
        + PodSpecs.CONTAINER
        + "&stdout=true&stderr=true";
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The answer of a platform Service, through the API server's proxy. */
  public void proxy(Endpoint endpoint, String pathAndQuery, int code, String body) {
    server.expect().get().withPath(endpoint.proxyPath(pathAndQuery)).andReturn(code, body).always();
  }

  /** The next server-side dry-run create of a Pod in {@code namespace} is admitted. */
  public void admits(String namespace) {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/pods?dryRun=All")
        .andReturn(201, new PodBuilder().withNewMetadata().withName("x").endMetadata().build())
        .once();
  }

  /** The next dry-run create in {@code namespace} is refused with {@code message}. */
  public void refuses(String namespace, int code, String message) {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/pods?dryRun=All")
        .andReturn(
            code,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(code == 403 ? "Forbidden" : "BadRequest")
                .withMessage(message)
                .build())
        .once();
  }

  /** How Kyverno words a denial of {@code policy}'s {@code rule}. */
  public static String kyvernoDenial(String pod, String policy, String rule) {
    return "admission webhook \"validate.kyverno.svc-fail\" denied the request: \n\nresource Pod/"
        + NS
        + "/"
        + pod
        + " was blocked due to the following policies \n\n"
        + policy
        + ":\n  "
        + rule
        + ": 'validation error: rule "
        + rule
        + " failed'";
  }

  /** An object at {@code path} (GET, always). */
  public void object(String path, HasMetadata object) {
    server.expect().get().withPath(path).andReturn(200, object).always();
  }

  /** One request as the server received it. */
  public record Request(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final List<Request> taken = new ArrayList<>();

  /** Every request the server received so far, in order. */
  public List<Request> recorded() throws InterruptedException {
    int n = server.getRequestCount();
    while (taken.size() < n) {
      RecordedRequest r = server.takeRequest();
      taken.add(new Request(r.getMethod(), r.getPath(), r.getBody().readUtf8()));
    }
    return List.copyOf(taken);
  }

  /** "METHOD path" of every request the server received, in order. */
  public List<String> requests() throws InterruptedException {
    return recorded().stream().map(Request::toString).toList();
  }

  public static Status success() {
    return new StatusBuilder().withStatus("Success").withCode(200).build();
  }
}
