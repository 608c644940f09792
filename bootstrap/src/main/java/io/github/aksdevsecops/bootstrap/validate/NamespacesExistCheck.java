package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every namespace a chart or a manifest uses is created by the manifests (kubernetes/base). */
final class NamespacesExistCheck implements Check {
  @Override
  public List<Problem> check(Snapshot s) {
    List<Problem> problems = new ArrayList<>();
    List<KubeObject> deployed = s.deployedObjects();
    Set<String> namespaces =
        deployed.stream()
            .filter(o -> o.kind().equals("Namespace"))
            .map(KubeObject::name)
            .collect(Collectors.toSet());
    if (namespaces.isEmpty()) {
      problems.add(
          new io.github.aksdevsecops.bootstrap.model.Problem(
              s.root().resolve("kubernetes/base"),
              0,
              "no Namespace objects found in the manifests"));
      return problems;
    }
    for (Component c : s.catalog().map(cat -> cat.components()).orElse(List.of())) {
      if (c.spec() instanceof ComponentSpec.Helm helm && !namespaces.contains(helm.namespace())) {
        problems.add(
            Problems.at(
                c, "namespace '" + helm.namespace() + "' is not created by kubernetes/base"));
      }
    }
    deployed.stream()
        .filter(o -> o.namespace() != null && !namespaces.contains(o.namespace()))
        .forEach(
            o ->
                problems.add(
                    o.node()
                        .problem(
                            o.describe()
                                + ": namespace '"
                                + o.namespace()
                                + "' is not created by kubernetes/base")));
    return problems;
  }
}
