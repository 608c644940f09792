package io.github.aksdevsecops.bootstrap.validate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NetworkPolicy semantics as Kubernetes defines them (and Cilium where it leaves a choice). */
class NetworkPoliciesTest {
  static final Endpoint.Pod WEB = pod("shop", Map.of("app", "web"), false);
  static final Endpoint.Pod DB = pod("shop", Map.of("app", "db"), false);
  static final Endpoint.Pod OTHER_NS_WEB = pod("other", Map.of("app", "web"), false);
  static final Endpoint.Pod MONITOR = pod("monitoring", Map.of("app", "prometheus"), false);
  static final Endpoint.Pod HOST = pod("monitoring", Map.of("app", "node-exporter"), true);
  static final Endpoint.Outside NODE = new Endpoint.Outside("nodes", true, null);
  static final Endpoint.Outside PUBLIC = new Endpoint.Outside("public", false, "203.0.113.10");
  static final Endpoint.Outside PRIVATE = new Endpoint.Outside("vnet", false, "10.40.0.4");

  static Endpoint.Pod pod(String ns, Map<String, String> labels, boolean hostNetwork) {
    return new Endpoint.Pod(
        ns,
        labels.values().iterator().next(),
        labels,
        Map.of("kubernetes.io/metadata.name", ns, "team", ns.equals("monitoring") ? "obs" : "app"),
        List.of(
            new Endpoint.ContainerPort("http", 8080, "TCP"),
            new Endpoint.ContainerPort("dns", 53, "UDP")),
        hostNetwork);
  }

  static Policy policy(String namespace, String yaml) {
    return Policy.of(namespace, Plain.map(YamlFiles.parseOne(Path.of("np.yaml"), yaml).toPlain()));
  }

  static NetworkPolicies of(Policy... policies) {
    return new NetworkPolicies(List.of(policies));
  }

  static final String DENY_ALL =
      "metadata: {name: deny}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}";

  @Test
  void aPodNoPolicySelectsIsNotIsolated() {
    NetworkPolicies none = of(policy("other", DENY_ALL));
    assertThat(none.decide(WEB, DB, 5432, "TCP").allowed()).isTrue();
  }

  @Test
  void defaultDenyBlocksEgressFirstAndNamesThePoliciesIsolatingTheSource() {
    Policy deny = policy("shop", DENY_ALL);
    NetworkPolicies.Decision d = of(deny).decide(WEB, DB, 5432, "TCP");
    assertThat(d.allowed()).isFalse();
    assertThat(d.blockedIn()).isEqualTo(NetworkPolicies.Direction.EGRESS);
    assertThat(d.isolating()).containsExactly(deny);
    assertThat(deny.deniesAllIngress()).isTrue();
    assertThat(deny.deniesAllEgress()).isTrue();
  }

  @Test
  void theFlowNeedsTheDestinationsIngressToo() {
    Policy egress =
        policy(
            "shop",
            "metadata: {name: out}\nspec: {podSelector: {}, policyTypes: [Egress], egress: [{}]}");
    Policy deny = policy("shop", DENY_ALL);
    NetworkPolicies.Decision d = of(deny, egress).decide(WEB, DB, 5432, "TCP");
    assertThat(d.blockedIn()).isEqualTo(NetworkPolicies.Direction.INGRESS);
  }

  @Test
  void policyTypesDefaultToIngressAndEgressOnlyWhenAnEgressSectionExists() {
    Policy ingressOnly = policy("shop", "metadata: {name: a}\nspec: {podSelector: {}}");
    assertThat(ingressOnly.isolatesIngress()).isTrue();
    assertThat(ingressOnly.isolatesEgress()).isFalse();
    Policy withEgress = policy("shop", "metadata: {name: b}\nspec: {podSelector: {}, egress: []}");
    assertThat(withEgress.isolatesEgress()).isTrue();
    assertThat(withEgress.deniesAllEgress()).isTrue();
    Policy explicit =
        policy("shop", "metadata: {name: c}\nspec: {podSelector: {}, policyTypes: [Egress]}");
    assertThat(explicit.isolatesIngress()).isFalse();
  }

  @Test
  void aSelectiveDenyIsNotADefaultDeny() {
    Policy some =
        policy(
            "shop",
            "metadata: {name: d}\nspec: {podSelector: {matchLabels: {app: web}},"
                + " policyTypes: [Ingress, Egress]}");
    assertThat(some.deniesAllIngress()).isFalse();
    assertThat(of(some).decide(DB, WEB, 8080, "TCP").blockedIn())
        .isEqualTo(NetworkPolicies.Direction.INGRESS);
    assertThat(of(some).decide(DB, DB, 8080, "TCP").allowed()).isTrue();
  }

  /** Ingress to WEB in shop from the caller, under one rule's from list. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "no peers means every source;[];OTHER;true",
        "pod selector alone stays in the policy's namespace;[{podSelector: {matchLabels: {app: web}}}];OTHER;false",
        "pod selector alone, same namespace;[{podSelector: {matchLabels: {app: db}}}];DB;true",
        "namespace selector alone takes every pod there;[{namespaceSelector: {matchLabels: {team: obs}}}];MONITOR;true",
        "namespace and pod selector in one entry are ANDed;[{namespaceSelector: {matchLabels: {team: obs}}, podSelector: {matchLabels: {app: db}}}];MONITOR;false",
        "two entries are ORed;[{namespaceSelector: {matchLabels: {team: obs}}}, {podSelector: {matchLabels: {app: db}}}];DB;true",
        "empty namespace selector is every namespace;[{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}];OTHER;true",
        "ipBlock selects no pod;[{ipBlock: {cidr: 0.0.0.0/0}}];DB;false",
        "ipBlock selects an address in the block;[{ipBlock: {cidr: 203.0.113.0/24}}];PUBLIC;true",
        "ipBlock except carves out;[{ipBlock: {cidr: 0.0.0.0/0, except: [203.0.113.0/24]}}];PUBLIC;false",
        "ipBlock selects no node;[{ipBlock: {cidr: 0.0.0.0/0}}];NODE;false",
        "a node needs a rule without peers;[{namespaceSelector: {}}];NODE;false",
        "a host-network pod is not selected by pod selectors;[{namespaceSelector: {}}];HOST;false",
        "matchExpressions In;[{podSelector: {matchExpressions: [{key: app, operator: In, values: [db, cache]}]}}];DB;true",
        "matchExpressions NotIn;[{podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [db]}]}}];DB;false",
        "matchExpressions Exists;[{podSelector: {matchExpressions: [{key: app, operator: Exists}]}}];DB;true",
        "matchExpressions DoesNotExist;[{podSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}}];DB;false",
      })
  void peers(String scenario, String from, String caller, boolean allowed) {
    Policy in =
        policy(
            "shop",
            "metadata: {name: in}\nspec: {podSelector: {matchLabels: {app: web}},"
                + " policyTypes: [Ingress], ingress: [{from: "
                + from
                + "}]}");
    Endpoint source =
        switch (caller) {
          case "OTHER" -> OTHER_NS_WEB;
          case "DB" -> DB;
          case "MONITOR" -> MONITOR;
          case "PUBLIC" -> PUBLIC;
          case "NODE" -> NODE;
          case "HOST" -> HOST;
          default -> throw new IllegalArgumentException(caller);
        };
    assertThat(of(in).decide(source, WEB, 8080, "TCP").allowed()).as(scenario).isEqualTo(allowed);
  }

  /** Ingress to WEB on a port and protocol under one rule's ports list. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "no ports means every port;[];9999;TCP;true",
        "a number;[{port: 8080}];8080;TCP;true",
        "another number;[{port: 8081}];8080;TCP;false",
        "protocol defaults to TCP;[{port: 53}];53;UDP;false",
        "protocol named;[{port: 53, protocol: UDP}];53;UDP;true",
        "a named port of the destination;[{port: http}];8080;TCP;true",
        "a named port must carry the connection's number;[{port: http}];8081;TCP;false",
        "a named port the destination lacks;[{port: metrics}];8080;TCP;false",
        "a port range up to endPort;[{port: 8000, endPort: 8100}];8080;TCP;true",
        "outside the range;[{port: 8000, endPort: 8050}];8080;TCP;false",
        "protocol without port is every port of it;[{protocol: TCP}];1234;TCP;true",
      })
  void ports(String scenario, String ports, int port, String protocol, boolean allowed) {
    Policy in =
        policy(
            "shop",
            "metadata: {name: in}\nspec: {podSelector: {}, policyTypes: [Ingress],"
                + " ingress: [{ports: "
                + ports
                + "}]}");
    assertThat(of(in).decide(DB, WEB, port, protocol).allowed()).as(scenario).isEqualTo(allowed);
  }

  @Test
  void egressNamedPortsResolveAgainstTheDestinationPod() {
    Policy out =
        policy(
            "monitoring",
            "metadata: {name: out}\nspec: {podSelector: {}, policyTypes: [Egress],"
                + " egress: [{to: [{namespaceSelector: {}}], ports: [{port: http}]}]}");
    assertThat(of(out).decide(MONITOR, WEB, 8080, "TCP").allowed()).isTrue();
    assertThat(of(out).decide(MONITOR, PUBLIC, 8080, "TCP").allowed())
        .as("an address has no named ports")
        .isFalse();
  }

  @Test
  void aHostNetworkPodIsNeverIsolated() {
    NetworkPolicies deny = of(policy("monitoring", DENY_ALL));
    assertThat(deny.decide(HOST, PUBLIC, 443, "TCP").allowed()).isTrue();
    assertThat(deny.decide(WEB, HOST, 9100, "TCP").allowed()).isTrue();
    assertThat(deny.decide(MONITOR, HOST, 9100, "TCP").allowed()).isFalse();
  }

  @Test
  void allowsAddUpAcrossPolicies() {
    Policy deny = policy("monitoring", DENY_ALL);
    Policy nodes =
        policy(
            "monitoring",
            "metadata: {name: nodes}\nspec: {podSelector: {matchLabels: {app: prometheus}},"
                + " policyTypes: [Egress], egress: [{ports: [{port: 10250}]}]}");
    Policy publicHttps =
        policy(
            "monitoring",
            "metadata: {name: https}\nspec: {podSelector: {}, policyTypes: [Egress],"
                + " egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}],"
                + " ports: [{port: 443}]}]}");
    NetworkPolicies all = of(deny, nodes, publicHttps);
    assertThat(all.decide(MONITOR, NODE, 10250, "TCP").allowed()).isTrue();
    assertThat(all.decide(MONITOR, PUBLIC, 443, "TCP").allowed()).isTrue();
    assertThat(all.decide(MONITOR, PRIVATE, 443, "TCP").allowed()).isFalse();
    assertThat(all.isolating(MONITOR, NetworkPolicies.Direction.EGRESS))
        .containsExactly(deny, nodes, publicHttps);
  }

  @Test
  void admittingNamesTheIngressPoliciesThatLetAConnectionIn() {
    Policy deny = policy("shop", DENY_ALL);
    Policy fromDb =
        policy(
            "shop",
            "metadata: {name: from-db}\nspec: {podSelector: {matchLabels: {app: web}},"
                + " ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]}");
    Policy fromAll =
        policy(
            "shop",
            "metadata: {name: from-all}\nspec: {podSelector: {},"
                + " ingress: [{ports: [{port: 8080}]}]}");
    NetworkPolicies all = of(deny, fromDb, fromAll);
    assertThat(all.admitting(DB, WEB, 8080, "TCP")).containsExactly(fromDb, fromAll);
    assertThat(all.admitting(DB, WEB, 9090, "TCP")).containsExactly(fromDb);
    assertThat(all.admitting(OTHER_NS_WEB, WEB, 9090, "TCP")).isEmpty();
  }

  @Test
  void whatTheApiServerRejectsIsRefused() {
    assertThatThrownBy(
            () ->
                policy(
                    "shop",
                    "metadata: {name: x}\nspec: {podSelector: {}, ingress: [{from:"
                        + " [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}"))
        .hasMessageContaining("ipBlock");
    assertThatThrownBy(
            () ->
                policy(
                    "shop",
                    "metadata: {name: x}\nspec: {podSelector: {}, ingress: [{from: [{}]}]}"))
        .hasMessageContaining("podSelector, namespaceSelector or ipBlock");
    assertThatThrownBy(
            () ->
                policy(
                    "shop",
                    "metadata: {name: x}\nspec: {podSelector: {}, egress: [{to:"
                        + " [{ipBlock: {cidr: 10.0.0.300/8}}]}]}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
