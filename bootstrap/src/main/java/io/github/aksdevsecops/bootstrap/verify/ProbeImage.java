package io.github.aksdevsecops.bootstrap.verify;

import java.util.Optional;

/**
 * The image of the probe Pods. It must pass the platform's own admission rules, so by default it is
 * {@code <the environment's allowed registry>/verify-probe@<digest>}: a fork imports the upstream
 * image into its registry under that name ({@code az acr import} keeps the digest). {@code
 * --probe-image} overrides it.
 */
public record ProbeImage(String reference) {
  static final String REPOSITORY = "verify-probe";

  /**
   * docker.io/curlimages/curl:8.11.1: Alpine with curl (for %{certs}), and busybox's sh, nslookup
   * and nc, which the probes use.
   */
  public static final String UPSTREAM = "docker.io/curlimages/curl:8.11.1";

  public static final String DIGEST =
      "sha256:c1fe1679c34d9784c1b0d1e5f62ac0a79fca01fb6377cdd33e90473c6f9f9a69";

  public static ProbeImage of(PlatformFacts facts, Optional<String> override) {
    return new ProbeImage(
        override.orElseGet(
            () ->
                allowedRegistry(facts)
                        .map(r -> r + "/" + REPOSITORY)
                        .orElse("docker.io/curlimages/curl")
                    + "@"
                    + DIGEST));
  }

  /** The registry host an enforced ClusterPolicy restricts images to ("host/*"), if any. */
  public static Optional<String> allowedRegistry(PlatformFacts facts) {
    return facts.policies().values().stream()
        .filter(PlatformFacts.Policy::enforced)
        .flatMap(p -> p.imagePatterns().stream())
        .filter(p -> p.endsWith("/*") && !p.startsWith("*"))
        .map(p -> p.substring(0, p.length() - 2))
        .findFirst();
  }

  /** The same image by tag instead of digest (for the digest rule's violation). */
  public String byTag() {
    int at = reference.indexOf('@');
    return (at < 0 ? reference : reference.substring(0, at)) + ":latest";
  }

  /** The same image from a registry outside any allow-list (for the registry rule's violation). */
  public String foreignRegistry() {
    int at = reference.indexOf('@');
    return "registry.invalid/" + REPOSITORY + (at < 0 ? ":latest" : reference.substring(at));
  }
}
