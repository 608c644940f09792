package io.github.aksdevsecops.bootstrap.verify;

/**
 * One attack or positive check against the live cluster: its data (a stable id for {@code --only}
 * and reports, the control it proves naming where the repository declares it, what the environment
 * must have) and the small class that acts on it. Everything a probe creates lives in the run's
 * throwaway namespace or carries the run's labels, so {@link Sandbox} removes it whatever happens.
 */
public record Probe(String id, String control, Needs needs, Check check) {

  /** What a probe does. */
  @FunctionalInterface
  public interface Check {
    /**
     * Exceptions become a FAIL carrying their message; interruption (the probe's timeout, Ctrl-C)
     * ends it.
     */
    ProbeResult run(ProbeContext context) throws InterruptedException;
  }
}
