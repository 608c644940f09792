package io.github.aksdevsecops.bootstrap.validate.network;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A networking.k8s.io/v1 NetworkPolicy as the API defines it: the pods it selects in its namespace,
 * the directions it isolates them in (policyTypes, which default to Ingress, plus Egress when the
 * policy has an egress section) and the rules that allow traffic in each direction.
 */
public record Policy(
    String namespace,
    String name,
    LabelSelector podSelector,
    boolean isolatesIngress,
    boolean isolatesEgress,
    List<Rule> ingress,
    List<Rule> egress) {
  public Policy {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /**
   * One ingress or egress rule: traffic matches when it comes from (goes to) any of the peers and
   * uses any of the ports; an empty peer list means every peer, an empty port list every port.
   */
  public record Rule(List<Peer> peers, List<PortRule> ports) {
    public Rule {
      peers = List.copyOf(peers);
      ports = List.copyOf(ports);
    }
  }

  /**
   * A from/to entry. Pod selector alone: pods of the policy's namespace. Namespace selector alone:
   * every pod of the selected namespaces. Both in one entry: pods matching both (AND). ipBlock:
   * addresses in the block but not in its exceptions.
   */
  public record Peer(
      Optional<LabelSelector> pods,
      Optional<LabelSelector> namespaces,
      Optional<IpBlock> ipBlock) {}

  /** An ipBlock: a CIDR and the CIDRs carved out of it. */
  public record IpBlock(String cidr, List<String> except) {
    public IpBlock {
      Cidr.parse(cidr);
      except.forEach(Cidr::parse);
      except = List.copyOf(except);
    }

    public boolean contains(String address) {
      return Cidr.parse(cidr).contains(address)
          && except.stream().noneMatch(e -> Cidr.parse(e).contains(address));
    }
  }

  /**
   * A ports entry: a protocol (TCP when unset) and a port number, a range up to endPort, a named
   * container port of the destination pod, or every port of the protocol when port is unset.
   */
  public record PortRule(
      String protocol,
      Optional<Integer> number,
      Optional<String> name,
      Optional<Integer> endPort) {}

  /**
   * Reads a NetworkPolicy from its plain content; {@code namespace} is where it is applied. Throws
   * IllegalArgumentException for what the API server would reject (a bad CIDR, an empty peer).
   */
  public static Policy of(String namespace, Map<String, Object> doc) {
    String name = String.valueOf(Plain.map(doc.get("metadata")).get("name"));
    Map<String, Object> spec = Plain.map(doc.get("spec"));
    List<String> types = Plain.strings(spec.get("policyTypes"));
    boolean hasEgress = spec.containsKey("egress");
    boolean ingressIsolated = types.isEmpty() || types.contains("Ingress");
    boolean egressIsolated = types.isEmpty() ? hasEgress : types.contains("Egress");
    return new Policy(
        namespace,
        name,
        LabelSelector.of(spec.get("podSelector")),
        ingressIsolated,
        egressIsolated,
        rules(spec.get("ingress"), "from"),
        rules(spec.get("egress"), "to"));
  }

  private static List<Rule> rules(Object list, String peersKey) {
    return Plain.list(list).stream()
        .map(Plain::map)
        .map(
            r ->
                new Rule(
                    Plain.list(r.get(peersKey)).stream().map(Plain::map).map(Policy::peer).toList(),
                    Plain.list(r.get("ports")).stream().map(Plain::map).map(Policy::port).toList()))
        .toList();
  }

  private static Peer peer(Map<String, Object> p) {
    Optional<LabelSelector> pods =
        p.containsKey("podSelector")
            ? Optional.of(LabelSelector.of(p.get("podSelector")))
            : Optional.empty();
    Optional<LabelSelector> namespaces =
        p.containsKey("namespaceSelector")
            ? Optional.of(LabelSelector.of(p.get("namespaceSelector")))
            : Optional.empty();
    Optional<IpBlock> ipBlock = Optional.empty();
    if (p.containsKey("ipBlock")) {
      Map<String, Object> block = Plain.map(p.get("ipBlock"));
      ipBlock =
          Optional.of(
              new IpBlock(String.valueOf(block.get("cidr")), Plain.strings(block.get("except"))));
      if (pods.isPresent() || namespaces.isPresent()) {
        throw new IllegalArgumentException(
            "a peer with ipBlock may not also select pods or namespaces");
      }
    }
    if (pods.isEmpty() && namespaces.isEmpty() && ipBlock.isEmpty()) {
      throw new IllegalArgumentException(
          "a from/to entry must name podSelector, namespaceSelector or ipBlock");
    }
    return new Peer(pods, namespaces, ipBlock);
  }

  private static PortRule port(Map<String, Object> p) {
    String protocol = p.get("protocol") == null ? "TCP" : String.valueOf(p.get("protocol"));
    Object port = p.get("port");
    Optional<Integer> number = Optional.empty();
    Optional<String> name = Optional.empty();
    if (port instanceof Number n) {
      number = Optional.of(n.intValue());
    } else if (port != null) {
      String text = String.valueOf(port);
      if (text.matches("\\d+")) {
        number = Optional.of(Integer.parseInt(text));
      } else {
        name = Optional.of(text);
      }
    }
    Optional<Integer> endPort =
        p.get("endPort") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    return new PortRule(protocol, number, name, endPort);
  }

  /** Whether this policy selects the pod (host-network pods are never selected). */
  public boolean selects(Endpoint.Pod pod) {
    return !pod.hostNetwork()
        && pod.namespace().equals(namespace)
        && podSelector.matches(pod.labels());
  }

  /** A default deny: selects every pod and isolates a direction without allowing anything in it. */
  public boolean deniesAllIngress() {
    return podSelector.isEmpty() && isolatesIngress && ingress.isEmpty();
  }

  public boolean deniesAllEgress() {
    return podSelector.isEmpty() && isolatesEgress && egress.isEmpty();
  }

  public String id() {
    return namespace + "/" + name;
  }
}
