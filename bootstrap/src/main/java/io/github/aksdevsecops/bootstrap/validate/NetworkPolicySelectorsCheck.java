package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy whose podSelector matches no pod protects nothing and is usually a typo: each
 * selector must match a workload of its namespace (a repository workload of any kind that runs
 * pods, or a chart's pod labels declared in the catalog).
 */
final class NetworkPolicySelectorsCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
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
          s.workloads().stream().anyMatch(w -> w.selectedBy(policy.namespace(), selector));
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
}
