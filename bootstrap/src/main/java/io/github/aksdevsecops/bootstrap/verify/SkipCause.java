package io.github.aksdevsecops.bootstrap.verify;

/**
 * Why a probe was not run. Every cause is decided from the repository (catalog, environment file,
 * manifests), never from what the cluster lacks: something the repository declares and the cluster
 * does not have is a FAIL.
 */
public enum SkipCause {
  /** The environment file switches off a component the probe needs. */
  COMPONENT_DISABLED,
  /** No Argo CD Application of the environment delivers the service the probe attacks. */
  SERVICE_NOT_DELIVERED,
  /** The environment's manifests do not enforce the control (absent, or Audit only). */
  NOT_ENFORCED,
  /**
   * The environment file says its nodes are simulated (they run no containers), and the probe needs
   * a running container or the platform's processes answering.
   */
  SIMULATED_NODES
}
