package io.github.aksdevsecops.bootstrap.validate.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One end of a flow: a pod of the render, or something outside the pod network. */
public sealed interface Endpoint {
  String describe();

  /** A container port of a pod; named ports in policies resolve against these. */
  record ContainerPort(String name, int port, String protocol) {}

  /**
   * A pod as NetworkPolicies see it: its namespace (and that namespace's labels), its labels and
   * its container ports. A host-network pod shares its node's address, so policies neither isolate
   * it nor select it with pod or namespace selectors.
   */
  record Pod(
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, String> namespaceLabels,
      List<ContainerPort> ports,
      boolean hostNetwork)
      implements Endpoint {
    public Pod {
      labels = Map.copyOf(labels);
      namespaceLabels = Map.copyOf(namespaceLabels);
      ports = List.copyOf(ports);
    }

    @Override
    public String describe() {
      return namespace + "/" + name;
    }

    public Optional<ContainerPort> port(String name) {
      return ports.stream().filter(p -> name.equals(p.name())).findFirst();
    }
  }

  /**
   * Something outside the pod network. A node (the kubelet, the AKS control plane calling webhooks
   * through its node tunnel) is reachable only through a rule that names no peer: with Cilium,
   * which AKS runs here, ipBlock selects no node address. An address (the API server's public
   * endpoint, a Git host) is selected by an ipBlock that contains it.
   */
  record Outside(String name, boolean node, String address) implements Endpoint {
    @Override
    public String describe() {
      return name;
    }
  }
}
