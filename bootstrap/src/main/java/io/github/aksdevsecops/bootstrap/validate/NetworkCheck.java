package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
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
 * target of its ServiceMonitors and PodMonitors, the control plane to each webhook, and the flows
 * declared in {@link #FLOWS} (who calls whom where the render cannot tell). A blocked flow is
 * reported at the policy file of the end that blocks it.
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
      flowFile = FlowFile.read(file, env.name());
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
        Policy p = Policy.of(namespace(o), o.content());
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
    return problems;
  }

  private static String namespace(RenderedObject o) {
    if (o.object().namespace() != null) {
      return o.object().namespace();
    }
    return o.step().step().component().spec() instanceof ComponentSpec.Helm h
        ? h.namespace()
        : "default";
  }

  private static java.util.Optional<RenderedObject> namespaceOrigin(
      RenderedEnvironment env, String ns) {
    return env.objects().stream()
        .filter(o -> o.isKind("Namespace") && o.object().name().equals(ns))
        .findFirst();
  }
}
