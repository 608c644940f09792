package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.model.Waits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Readiness waits: CRDs Established, Deployments Available, each with a timeout. */
public final class Waiter {
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private Waiter() {}

  public static void await(KubernetesClient client, Waits waits, Duration timeout) {
    for (String crd : waits.crds()) {
      try {
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd)
            .waitUntilCondition(Waiter::established, timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        throw new StepFailedException("CRD " + crd + " not Established within " + timeout, e);
      }
    }
    for (String d : waits.deployments()) {
      String[] parts = d.split("/", 2);
      try {
        client
            .apps()
            .deployments()
            .inNamespace(parts[0])
            .withName(parts[1])
            .waitUntilCondition(Waiter::available, timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        throw new StepFailedException("Deployment " + d + " not Available within " + timeout, e);
      }
    }
    for (String webhook : waits.webhooks()) {
      awaitWebhook(client, webhook, timeout);
    }
  }

  /** A webhook answers when its Service has at least one ready endpoint. */
  static void awaitWebhook(KubernetesClient client, String service, Duration timeout) {
    String[] parts = service.split("/", 2);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean ready =
          client
              .discovery()
              .v1()
              .endpointSlices()
              .inNamespace(parts[0])
              .withLabel("kubernetes.io/service-name", parts[1])
              .list()
              .getItems()
              .stream()
              .flatMap(
                  s ->
                      s.getEndpoints() == null
                          ? java.util.stream.Stream.empty()
                          : s.getEndpoints().stream())
              .anyMatch(
                  e ->
                      e.getConditions() != null
                          && Boolean.TRUE.equals(e.getConditions().getReady()));
      if (ready) {
        return;
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepFailedException("interrupted while waiting for webhook " + service, e);
      }
    }
    throw new StepFailedException(
        "webhook service " + service + " has no ready endpoint within " + timeout);
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean available(Deployment d) {
    return d != null
        && d.getStatus() != null
        && d.getStatus().getConditions() != null
        && d.getStatus().getConditions().stream()
            .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
