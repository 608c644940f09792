package io.github.aksdevsecops.bootstrap.adapters;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Access to the cluster after the credentials step: the client, and for AKS the kubeconfig held in
 * memory only (never written to the journal or printed).
 */
public record ClusterSession(
    KubernetesClient client, Optional<Secret> kubeconfig, String context) {}
