package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a run's probe Pods live: its own throwaway namespace {@code verify-<random>}, labelled for
 * removal (what an operator with cluster-admin rights uses), or a namespace set aside for verify
 * runs ({@code --sandbox-namespace}, labelled {@value #SANDBOX_LABEL}), in which the identity of
 * the pipeline holds namespaced rights only (kubernetes/verify-access). Closing it (at the end of
 * the run, on failure, or from the Ctrl-C hook) runs the cleanups probes registered for objects
 * elsewhere, then deletes the throwaway namespace, or the run's Pods in a set-aside one; it runs
 * once.
 */
public final class Sandbox implements AutoCloseable {
  /**
   * Every object of a run carries these; {@code kubectl delete ns -l …/remove=true} clears
   * leftovers.
   */
  public static final String RUN_LABEL = "platform.aksdevsecops.io/verify-run";

  public static final String REMOVE_LABEL = "platform.aksdevsecops.io/remove";

  /** Marks a namespace set aside for verify runs; {@link #in} refuses any other. */
  public static final String SANDBOX_LABEL = "platform.aksdevsecops.io/verify-sandbox";

  static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  static final String PROBE = "verify-probe";
  static final String MESHED = "verify-meshed";
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final KubernetesClient client;
  private final String run;
  private final String namespace;
  private final boolean owned;
  private final ProbeImage image;
  private final Timing timing;
  private final Map<String, Object> pods = new ConcurrentHashMap<>();
  private final List<Cleanup> cleanups = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object closing = new Object();

  /** Something to remove when the run ends, described for the report if removing it fails. */
  @FunctionalInterface
  public interface Cleanup {
    void run();
  }

  private Sandbox(
      KubernetesClient client,
      String run,
      String namespace,
      boolean owned,
      ProbeImage image,
      Timing timing) {
    this.client = client;
    this.run = run;
    this.namespace = namespace;
    this.owned = owned;
    this.image = image;
    this.timing = timing;
  }

  /** Creates the namespace; a cluster that refuses it is an unexpected state (exit 3). */
  public static Sandbox create(KubernetesClient client, ProbeImage image, Timing timing) {
    return create(client, image, timing, randomRun());
  }

  /** With a given run id (eight lowercase letters or digits); tests use a fixed one. */
  public static Sandbox create(
      KubernetesClient client, ProbeImage image, Timing timing, String run) {
    Sandbox sandbox = new Sandbox(client, run, "verify-" + run, true, image, timing);
    Map<String, String> labels = new LinkedHashMap<>(sandbox.labels());
    labels.put("app.kubernetes.io/managed-by", "devsecops-bootstrap");
    // The admission probes must reach Kyverno: Pod Security Admission runs first and would answer
    // for privileged and root Pods itself. Pod Security is probed in the platform's own
    // restricted namespaces instead; warn keeps restricted visible here.
    labels.put(ENFORCE, "privileged");
    labels.put("pod-security.kubernetes.io/warn", "restricted");
    try {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(sandbox.namespace())
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      throw new UnexpectedStateException(
          "cannot create the namespace " + sandbox.namespace() + ": " + e.getMessage(), e);
    }
    return sandbox;
  }

  /**
   * The namespace {@code name} the cluster's operators set aside for verify runs: it must exist,
   * carry {@value #SANDBOX_LABEL}: "true" and let Kyverno answer (Pod Security privileged), or the
   * cluster is not in the state the run needs (exit 3).
   */
  public static Sandbox in(KubernetesClient client, ProbeImage image, Timing timing, String name) {
    return in(client, image, timing, name, randomRun());
  }

  static Sandbox in(
      KubernetesClient client, ProbeImage image, Timing timing, String name, String run) {
    Namespace ns;
    try {
      ns = client.namespaces().withName(name).get();
    } catch (KubernetesClientException e) {
      throw new UnexpectedStateException(
          "cannot read the sandbox namespace " + name + ": " + message(e), e);
    }
    if (ns == null) {
      throw new UnexpectedStateException(
          "the sandbox namespace "
              + name
              + " does not exist (kubernetes/verify-access creates it with the rights of"
              + " the verify identity)");
    }
    Map<String, String> labels = Optional.ofNullable(ns.getMetadata().getLabels()).orElse(Map.of());
    if (!"true".equals(labels.get(SANDBOX_LABEL)) || !"privileged".equals(labels.get(ENFORCE))) {
      throw new UnexpectedStateException(
          "namespace "
              + name
              + " is not a verify sandbox: it needs the labels "
              + SANDBOX_LABEL
              + "=true and "
              + ENFORCE
              + "=privileged (kubernetes/verify-access)");
    }
    return new Sandbox(client, run, name, false, image, timing);
  }

  static String randomRun() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  public String namespace() {
    return namespace;
  }

  /** A probe Pod's name: in a set-aside namespace each run's Pods carry the run id. */
  String podName(String base) {
    return owned ? base : base + "-" + run;
  }

  public String run() {
    return run;
  }

  public ProbeImage image() {
    return image;
  }

  /** Labels for anything a probe creates, so a leftover can always be found and removed. */
  public Map<String, String> labels() {
    return Map.of(RUN_LABEL, run, REMOVE_LABEL, "true");
  }

  public void onClose(Cleanup cleanup) {
    cleanups.add(cleanup);
  }

  /** Creates the probe Pods without waiting, so they start while other probes run. */
  public void prestart(boolean meshed) {
    start(PROBE, false);
    if (meshed) {
      start(MESHED, true);
    }
  }

  /** The plain probe Pod (no sidecar), once it is Ready. */
  public PodShell probe() throws InterruptedException {
    return ready(PROBE, false);
  }

  /** The probe Pod with an Istio sidecar, once it is Ready. */
  public PodShell meshed() throws InterruptedException {
    return ready(MESHED, true);
  }

  private void start(String name, boolean meshed) {
    pods.computeIfAbsent(
        name,
        n -> {
          Pod pod =
              meshed
                  ? PodSpecs.meshed(namespace(), podName(n), image.reference(), labels())
                  : PodSpecs.compliant(namespace(), podName(n), image.reference(), labels());
          try {
            client.pods().inNamespace(namespace()).resource(pod).create();
            return Boolean.TRUE;
          } catch (KubernetesClientException e) {
            return new IllegalStateException(
                "probe Pod "
                    + podName(n)
                    + " ("
                    + image.reference()
                    + ") was not admitted: "
                    + message(e));
          }
        });
  }

  private PodShell ready(String name, boolean meshed) throws InterruptedException {
    start(name, meshed);
    Object state = pods.get(name);
    if (state instanceof RuntimeException failed) {
      throw failed;
    }
    if (state instanceof PodShell shell) {
      return shell;
    }
    Optional<Pod> ready =
        Poll.until(
            timing.podReady(),
            timing.poll(),
            () ->
                Optional.ofNullable(
                        client.pods().inNamespace(namespace()).withName(podName(name)).get())
                    .filter(Sandbox::isReady));
    if (ready.isEmpty()) {
      IllegalStateException failed =
          new IllegalStateException(
              "probe Pod "
                  + podName(name)
                  + " did not become Ready within "
                  + timing.podReady().toSeconds()
                  + " s: "
                  + why(client.pods().inNamespace(namespace()).withName(podName(name)).get()));
      pods.put(name, failed);
      throw failed;
    }
    PodShell shell = new PodShell(client, namespace(), podName(name), PodSpecs.CONTAINER);
    pods.put(name, shell);
    return shell;
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** What keeps a Pod from Ready, from its status (image pull errors, scheduling, ...). */
  static String why(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return "no status";
    }
    List<String> reasons = new ArrayList<>();
    if (pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        if (c.getState() != null && c.getState().getWaiting() != null) {
          reasons.add(
              c.getName()
                  + " waiting: "
                  + c.getState().getWaiting().getReason()
                  + Optional.ofNullable(c.getState().getWaiting().getMessage())
                      .map(m -> " (" + m + ")")
                      .orElse(""));
        }
      }
    }
    if (pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if (!"True".equals(c.getStatus()) && c.getMessage() != null) {
          reasons.add(c.getType() + ": " + c.getMessage());
        }
      }
    }
    return reasons.isEmpty() ? "phase " + pod.getStatus().getPhase() : String.join("; ", reasons);
  }

  /** The API server's own words for a refused request (the admission denial). */
  public static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage().replaceAll("\\s+", " ").strip();
    }
    return String.valueOf(e.getMessage());
  }

  /** Problems met while cleaning up; empty when everything the run created is gone. */
  public List<String> cleanupProblems() {
    return List.copyOf(problems);
  }

  /** Runs once; a second caller (the run's end racing the Ctrl-C hook) waits for the first. */
  @Override
  public void close() {
    synchronized (closing) {
      if (closed.compareAndSet(false, true)) {
        closeOnce();
      }
    }
  }

  private void closeOnce() {
    // An interrupted caller (a cancelled run) must still get its deletes out.
    boolean interrupted = Thread.interrupted();
    try {
      removeAll();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void removeAll() {
    for (Cleanup cleanup : cleanups) {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        problems.add("cleanup failed: " + e.getMessage());
      }
    }
    if (!owned) {
      removePods();
      return;
    }
    try {
      // Sent, not awaited: the namespace finalizes its Pods on its own.
      client.namespaces().withName(namespace()).delete();
    } catch (RuntimeException e) {
      problems.add(
          "namespace "
              + namespace()
              + " was not deleted ("
              + e.getMessage()
              + "); remove it with kubectl delete namespace -l "
              + REMOVE_LABEL
              + "=true");
    }
  }

  /** The run's own Pods in a set-aside namespace; the namespace and other runs' Pods stay. */
  private void removePods() {
    for (String base : pods.keySet()) {
      try {
        client.pods().inNamespace(namespace()).withName(podName(base)).delete();
      } catch (RuntimeException e) {
        problems.add(
            "Pod "
                + namespace()
                + "/"
                + podName(base)
                + " was not deleted ("
                + e.getMessage()
                + "); remove it with kubectl delete pods -n "
                + namespace()
                + " -l "
                + RUN_LABEL
                + "="
                + run);
      }
    }
  }
}
