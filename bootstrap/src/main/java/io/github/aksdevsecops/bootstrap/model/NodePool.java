package io.github.aksdevsecops.bootstrap.model;

/** A node pool as far as preflight needs it: VM family and the vCPUs at maximum scale. */
public record NodePool(String name, String vmFamily, int vcpusPerNode, int maxCount) {
  public int maxVcpus() {
    return vcpusPerNode * maxCount;
  }
}
