package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.validate.network.Endpoint;
import io.github.aksdevsecops.bootstrap.validate.network.FlowFile;
import io.github.aksdevsecops.bootstrap.validate.network.NetworkPolicies;
import io.github.aksdevsecops.bootstrap.validate.network.PlatformFlows;
import io.github.aksdevsecops.bootstrap.validate.network.Policy;
import io.github.aksdevsecops.bootstrap.validate.network.RenderedNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every platform namespace of the render denies all ingress and egress by default, and every flow
 * the platform needs is allowed by the NetworkPolicies at both ends: Prometheus to each scrape
 * target of its ServiceMonitors and PodMonitors, Grafana to each data source URL of the render, the
 * control plane to each webhook, and the flows declared in {@link #FLOWS} (who calls whom where the
 * render cannot tell). A blocked flow is reported at the policy file of the end that blocks it.
 */
final class NetworkCheck implements PlatformCheck {
  static final String FLOWS = "kubernetes/security/network-policies/flows.yaml";

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    Path file = repository.root().resolve(FLOWS);
    if (!Files.isRegularFile(file)) {
      return List.of(
          new Problem(file, 0, "[" + env.name() + "] the platform's declared flows are missing"));
    }
    FlowFile flowFile;
    try {
      flowFile = FlowFile.read(file, env.environment().layers());
    } catch (InvalidInputException e) {
      return e.problems();
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, RenderedObject> origins = new HashMap<>();
    List<Policy> policies = new ArrayList<>();
    for (RenderedObject o : env.objects()) {
      if (!o.isKind("NetworkPolicy")) {
        continue;
      }
      try {
        Policy p = Policy.of(o.namespace(), o.content());
        policies.add(p);
        origins.put(p.id(), o);
      } catch (IllegalArgumentException e) {
        problems.add(o.problem(env.name(), e.getMessage()));
      }
    }
    RenderedNetwork net =
        RenderedNetwork.of(repository.root(), env.objects(), flowFile.deployedBeside());
    for (String ns : net.namespaces()) {
      List<Policy> own = policies.stream().filter(p -> p.namespace().equals(ns)).toList();
      boolean ingress = own.stream().anyMatch(Policy::deniesAllIngress);
      boolean egress = own.stream().anyMatch(Policy::deniesAllEgress);
      if (!ingress || !egress) {
        String missing =
            !ingress && !egress ? "ingress and egress" : !ingress ? "ingress" : "egress";
        String message =
            "namespace "
                + ns
                + " has no default deny of "
                + missing
                + ": a NetworkPolicy with podSelector {} and policyTypes naming "
                + missing
                + " without rules, beside the allows of its flows";
        problems.add(
            own.isEmpty()
                ? namespaceOrigin(env, ns)
                    .map(o -> o.problem(env.name(), message))
                    .orElse(new Problem(file, 0, "[" + env.name() + "] " + message))
                : origins.get(own.get(0).id()).problem(env.name(), message));
      }
    }
    Set<String> components =
        env.render().steps().stream().map(s -> s.step().id()).collect(Collectors.toSet());
    PlatformFlows.Result flows =
        PlatformFlows.of(env.name(), env.objects(), net, flowFile, components);
    problems.addAll(flows.problems());
    NetworkPolicies evaluator = new NetworkPolicies(policies);
    for (PlatformFlows.Flow f : flows.flows()) {
      NetworkPolicies.Decision d = evaluator.decide(f.from(), f.to(), f.port(), f.protocol());
      if (d.allowed()) {
        continue;
      }
      Endpoint blocked = d.blockedIn() == NetworkPolicies.Direction.EGRESS ? f.from() : f.to();
      Policy at =
          d.isolating().stream()
              .filter(p -> !p.podSelector().isEmpty())
              .findFirst()
              .orElse(d.isolating().get(0));
      problems.add(
          origins
              .get(at.id())
              .problem(
                  env.name(),
                  "blocks "
                      + f.from().describe()
                      + " -> "
                      + f.to().describe()
                      + " port "
                      + f.port()
                      + "/"
                      + f.protocol()
                      + " ("
                      + f.why()
                      + "): no NetworkPolicy of "
                      + ((Endpoint.Pod) blocked).namespace()
                      + " selecting "
                      + blocked.describe()
                      + " allows it "
                      + (d.blockedIn() == NetworkPolicies.Direction.EGRESS ? "out" : "in")
                      + " (isolated by "
                      + d.isolating().stream().map(Policy::name).toList()
                      + ")"));
    }
    problems.addAll(undeclaredCallers(env, flowFile, net, flows.flows(), evaluator, origins));
    return problems;
  }

  /**
   * A restricted store (Prometheus, Alertmanager, Loki) lets in no pod of the render on any of its
   * ports unless a flow says so; its own pods talk among themselves.
   */
  private static List<Problem> undeclaredCallers(
      RenderedEnvironment env,
      FlowFile file,
      RenderedNetwork net,
      List<PlatformFlows.Flow> flows,
      NetworkPolicies evaluator,
      Map<String, RenderedObject> origins) {
    Set<String> declared =
        flows.stream()
            .map(f -> key(f.from(), f.to(), f.port(), f.protocol()))
            .collect(Collectors.toSet());
    // one problem per policy, store pod and port, naming every undeclared caller it lets in
    Map<String, List<String>> callers = new java.util.LinkedHashMap<>();
    Map<String, Problem> first = new java.util.LinkedHashMap<>();
    for (FlowFile.Restricted r : file.restricted()) {
      java.util.function.Predicate<Endpoint.Pod> store =
          p ->
              p.namespace().equals(r.namespace())
                  && !p.hostNetwork()
                  && io.github.aksdevsecops.bootstrap.validate.network.LabelSelector.equalTo(
                          r.labels())
                      .matches(p.labels());
      for (Endpoint.Pod to : net.pods().stream().filter(store).toList()) {
        for (Endpoint.ContainerPort port : to.ports()) {
          for (Endpoint.Pod from : net.pods()) {
            if (from.hostNetwork()
                || store.test(from)
                || declared.contains(key(from, to, port.port(), port.protocol()))) {
              continue;
            }
            List<Policy> admitting = evaluator.admitting(from, to, port.port(), port.protocol());
            if (admitting.isEmpty()) {
              continue;
            }
            Policy policy = admitting.get(0);
            String at =
                policy.id() + ">" + to.describe() + ":" + port.port() + "/" + port.protocol();
            callers.computeIfAbsent(at, k -> new ArrayList<>()).add(from.describe());
            first.computeIfAbsent(
                at,
                k ->
                    origins
                        .get(policy.id())
                        .problem(
                            env.name(),
                            "lets pods of the render reach "
                                + to.describe()
                                + " on "
                                + port.port()
                                + "/"
                                + port.protocol()
                                + " that no flow declares ("
                                + file.file().getFileName()
                                + " restricts the callers of "
                                + r.labels()
                                + "): "));
          }
        }
      }
    }
    List<Problem> problems = new ArrayList<>();
    first.forEach(
        (at, p) ->
            problems.add(
                new Problem(p.file(), p.line(), p.message() + String.join(", ", callers.get(at)))));
    return problems;
  }

  private static String key(Endpoint from, Endpoint to, int port, String protocol) {
    return from.describe() + ">" + to.describe() + ":" + port + "/" + protocol;
  }

  private static java.util.Optional<RenderedObject> namespaceOrigin(
      RenderedEnvironment env, String ns) {
    return env.objects().stream()
        .filter(o -> o.isKind("Namespace") && o.object().name().equals(ns))
        .findFirst();
  }
}
