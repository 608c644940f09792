package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs probes one after another against one sandbox: each is skipped when the repository says the
 * environment lacks what it attacks, otherwise run with a timeout; whatever happens, the sandbox is
 * removed at the end. {@link #cancel()} (the Ctrl-C hook) stops the running probe and removes the
 * sandbox at once.
 */
public final class Verifier {
  /** Progress per probe; the CLI prints it, the engine only emits it. */
  public interface Listener {
    Listener SILENT = o -> {};

    void finished(ProbeOutcome outcome);
  }

  /** A run: its sandbox namespace, the outcomes in order, and any cleanup problem. */
  public record Run(String namespace, List<ProbeOutcome> outcomes, List<String> cleanup) {
    public Run {
      outcomes = List.copyOf(outcomes);
      cleanup = List.copyOf(cleanup);
    }
  }

  private final KubernetesClient client;
  private final PlatformFacts facts;
  private final ProbeImage image;
  private final Timing timing;
  private final Listener listener;
  private final Optional<String> sandboxNamespace;
  private final AtomicReference<Sandbox> sandbox = new AtomicReference<>();
  private final AtomicReference<Future<ProbeResult>> running = new AtomicReference<>();
  private volatile boolean cancelled;

  public Verifier(
      KubernetesClient client,
      PlatformFacts facts,
      ProbeImage image,
      Timing timing,
      Listener listener) {
    this(client, facts, image, timing, listener, Optional.empty());
  }

  /** Probe Pods in {@code sandboxNamespace} (set aside for verify runs) when given. */
  public Verifier(
      KubernetesClient client,
      PlatformFacts facts,
      ProbeImage image,
      Timing timing,
      Listener listener,
      Optional<String> sandboxNamespace) {
    this.client = client;
    this.facts = facts;
    this.image = image;
    this.timing = timing;
    this.listener = listener;
    this.sandboxNamespace = sandboxNamespace;
  }

  /** A verifier on the cluster of the environment's kube context (checked by the guard before). */
  public static Verifier connect(
      Platform platform,
      Environment environment,
      PlatformFacts facts,
      ProbeImage image,
      Timing timing,
      Listener listener,
      Optional<String> sandboxNamespace) {
    KubernetesClient client =
        platform.kube().connect(Optional.empty(), environment.kubeContext()).client();
    return new Verifier(client, facts, image, timing, listener, sandboxNamespace);
  }

  public Run run(List<Probe> probes) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "verify-probe");
              t.setDaemon(true);
              return t;
            });
    Sandbox box =
        sandboxNamespace
            .map(ns -> Sandbox.in(client, image, timing, ns))
            .orElseGet(() -> Sandbox.create(client, image, timing));
    sandbox.set(box);
    List<ProbeOutcome> outcomes = new ArrayList<>();
    try {
      List<Probe> runnable = probes.stream().filter(p -> skip(p).isEmpty()).toList();
      if (runnable.stream().anyMatch(p -> p.needs().pod())) {
        box.prestart(runnable.stream().anyMatch(p -> p.needs().meshedPod()));
      }
      ProbeContext context = new ProbeContext(client, facts, box, timing);
      for (Probe probe : probes) {
        long start = System.nanoTime();
        ProbeResult result =
            cancelled
                ? ProbeResult.fail("cancelled before it started")
                : skip(probe).orElseGet(() -> timed(executor, probe, context));
        ProbeOutcome outcome =
            new ProbeOutcome(
                probe.id(), probe.control(), result, Duration.ofNanos(System.nanoTime() - start));
        outcomes.add(outcome);
        listener.finished(outcome);
      }
    } finally {
      executor.shutdownNow();
      box.close();
    }
    return new Run(box.namespace(), outcomes, box.cleanupProblems());
  }

  /** SKIPPED when the environment switches off what the probe needs. */
  Optional<ProbeResult> skip(Probe probe) {
    for (String component : probe.needs().components()) {
      if (!facts.enabled(component)) {
        return Optional.of(
            new ProbeResult.Skipped(
                SkipCause.COMPONENT_DISABLED,
                component
                    + " is not part of environment "
                    + facts.environment()
                    + " (catalog and environment file)"));
      }
    }
    if (probe.needs().running() && facts.cluster().simulatedNodes()) {
      return Optional.of(
          new ProbeResult.Skipped(
              SkipCause.SIMULATED_NODES,
              "environment "
                  + facts.environment()
                  + " runs on simulated nodes (its environment file): no container runs there, so"
                  + " this is decided on kind (e2e-kind.yml) and AKS only"));
    }
    if (probe.needs().service() && facts.service().isEmpty()) {
      return Optional.of(
          new ProbeResult.Skipped(
              SkipCause.SERVICE_NOT_DELIVERED,
              "no Argo CD Application of environment "
                  + facts.environment()
                  + " delivers the service ("
                  + facts.manifests()
                  + ")"));
    }
    return Optional.empty();
  }

  private ProbeResult timed(ExecutorService executor, Probe probe, ProbeContext context) {
    // Registered before it starts, so a cancel() at any moment reaches it.
    FutureTask<ProbeResult> future = new FutureTask<>(() -> probe.check().run(context));
    running.set(future);
    if (cancelled) {
      return ProbeResult.fail("cancelled before it started");
    }
    executor.execute(future);
    try {
      return future.get(timing.probe().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return ProbeResult.fail("timed out after " + timing.probe().toSeconds() + " s");
    } catch (CancellationException e) {
      return ProbeResult.fail("cancelled while it ran");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return ProbeResult.fail(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      cancelled = true;
      return ProbeResult.fail("interrupted");
    } finally {
      running.set(null);
    }
  }

  /** Stops the running probe and removes the sandbox now (the Ctrl-C path). */
  public void cancel() {
    cancelled = true;
    Future<ProbeResult> current = running.get();
    if (current != null) {
      current.cancel(true);
    }
    Sandbox box = sandbox.get();
    if (box != null) {
      box.close();
    }
  }
}
