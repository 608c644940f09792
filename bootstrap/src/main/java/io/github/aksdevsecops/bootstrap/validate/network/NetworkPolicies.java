package io.github.aksdevsecops.bootstrap.validate.network;

import java.util.List;
import java.util.function.Function;

/**
 * Decides whether a connection is allowed by a set of NetworkPolicies, as Kubernetes defines it: a
 * pod that no policy selects in a direction is not isolated in it; an isolated pod accepts (or
 * opens) a connection only when some rule of a policy selecting it matches the peer and the port;
 * the connection needs both the source's egress and the destination's ingress. Where the
 * specification leaves behaviour to the network plugin, this follows Cilium, the AKS data plane of
 * the platform: ipBlock selects neither pods nor nodes, and host-network pods are not isolated.
 */
public final class NetworkPolicies {
  private final List<Policy> policies;

  public NetworkPolicies(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** The direction a connection is checked in: the source's egress or the destination's ingress. */
  public enum Direction {
    EGRESS,
    INGRESS
  }

  /**
   * The outcome for one connection: allowed, or blocked in a direction by the policies isolating
   * that end (the place to add an allow rule).
   */
  public record Decision(boolean allowed, Direction blockedIn, List<Policy> isolating) {
    public Decision {
      isolating = List.copyOf(isolating);
    }
  }

  public List<Policy> policies() {
    return policies;
  }

  /** The policies that isolate the pod in a direction. */
  public List<Policy> isolating(Endpoint.Pod pod, Direction direction) {
    return policies.stream()
        .filter(p -> p.selects(pod))
        .filter(p -> direction == Direction.EGRESS ? p.isolatesEgress() : p.isolatesIngress())
        .toList();
  }

  public Decision decide(Endpoint from, Endpoint to, int port, String protocol) {
    if (from instanceof Endpoint.Pod source) {
      List<Policy> isolating = isolating(source, Direction.EGRESS);
      if (!admitted(isolating, Policy::egress, to, to, port, protocol)) {
        return new Decision(false, Direction.EGRESS, isolating);
      }
    }
    if (to instanceof Endpoint.Pod destination) {
      List<Policy> isolating = isolating(destination, Direction.INGRESS);
      if (!admitted(isolating, Policy::ingress, from, to, port, protocol)) {
        return new Decision(false, Direction.INGRESS, isolating);
      }
    }
    return new Decision(true, null, List.of());
  }

  /** The policies isolating the destination pod whose ingress rules let the connection in. */
  public List<Policy> admitting(Endpoint from, Endpoint.Pod to, int port, String protocol) {
    return isolating(to, Direction.INGRESS).stream()
        .filter(p -> p.ingress().stream().anyMatch(r -> matches(r, p, from, to, port, protocol)))
        .toList();
  }

  /** Not isolated, or some rule of an isolating policy matches the peer and the port. */
  private static boolean admitted(
      List<Policy> isolating,
      Function<Policy, List<Policy.Rule>> rules,
      Endpoint peer,
      Endpoint destination,
      int port,
      String protocol) {
    return isolating.isEmpty()
        || isolating.stream()
            .anyMatch(
                p ->
                    rules.apply(p).stream()
                        .anyMatch(r -> matches(r, p, peer, destination, port, protocol)));
  }

  /**
   * A rule matches when one of its peers is {@code peer} and one of its ports the destination's.
   */
  private static boolean matches(
      Policy.Rule rule,
      Policy policy,
      Endpoint peer,
      Endpoint destination,
      int port,
      String protocol) {
    boolean peerMatches =
        rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> peerMatches(p, policy, peer));
    boolean portMatches =
        rule.ports().isEmpty()
            || rule.ports().stream().anyMatch(p -> portMatches(p, destination, port, protocol));
    return peerMatches && portMatches;
  }

  static boolean peerMatches(Policy.Peer peer, Policy policy, Endpoint endpoint) {
    if (peer.ipBlock().isPresent()) {
      return endpoint instanceof Endpoint.Outside o
          && !o.node()
          && o.address() != null
          && peer.ipBlock().get().contains(o.address());
    }
    if (!(endpoint instanceof Endpoint.Pod pod) || pod.hostNetwork()) {
      return false;
    }
    boolean namespaceMatches =
        peer.namespaces()
            .map(s -> s.matches(pod.namespaceLabels()))
            .orElse(pod.namespace().equals(policy.namespace()));
    boolean podMatches = peer.pods().map(s -> s.matches(pod.labels())).orElse(true);
    return namespaceMatches && podMatches;
  }

  static boolean portMatches(
      Policy.PortRule rule, Endpoint destination, int port, String protocol) {
    if (!rule.protocol().equals(protocol)) {
      return false;
    }
    if (rule.name().isPresent()) {
      return destination instanceof Endpoint.Pod pod
          && pod.port(rule.name().get())
              .filter(p -> p.port() == port && p.protocol().equals(protocol))
              .isPresent();
    }
    if (rule.number().isEmpty()) {
      return true;
    }
    int first = rule.number().get();
    return rule.endPort().map(end -> port >= first && port <= end).orElse(port == first);
  }
}
