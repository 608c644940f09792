package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Workload;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.validate.network.FlowFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy whose podSelector matches no pod protects nothing and is usually a typo: each
 * selector must match a workload of its namespace (a repository workload of any kind that runs
 * pods, a chart's pod labels declared in the catalog, or pods that something outside the render
 * starts, declared as {@code unrendered} in {@link NetworkCheck#FLOWS} for any environment, such as
 * the HTTP-01 solver pods cert-manager creates while an ACME order is checked).
 */
final class NetworkPolicySelectorsCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>(s.workloads());
    workloads.addAll(unrendered(s));
    for (KubeObject policy : s.deployedObjects()) {
      if (!policy.kind().equals("NetworkPolicy")) {
        continue;
      }
      Map<String, String> selector =
          policy
              .node()
              .optional("spec")
              .flatMap(spec -> spec.optional("podSelector"))
              .flatMap(sel -> sel.optional("matchLabels"))
              .map(YamlNode::textMap)
              .orElse(Map.of());
      if (selector.isEmpty()) {
        continue; // selects every pod of its namespace
      }
      boolean matches =
          workloads.stream().anyMatch(w -> w.selectedBy(policy.namespace(), selector));
      if (!matches) {
        problems.add(
            policy
                .node()
                .problem(
                    policy.describe()
                        + ": podSelector "
                        + selector
                        + " matches no workload in namespace "
                        + policy.namespace()));
      }
    }
    return problems;
  }

  /**
   * The pods flows.yaml declares outside the render, whichever environments an entry is limited to
   * (an unreadable file is the network check's to report).
   */
  private static List<Workload> unrendered(Snapshot s) {
    Path file = s.root().resolve(NetworkCheck.FLOWS);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return FlowFile.unrenderedPodsOfAnyEnvironment(file).stream()
          .map(p -> new Workload(p.getKey(), p.getValue(), NetworkCheck.FLOWS))
          .toList();
    } catch (InvalidInputException e) {
      return List.of();
    }
  }
}
