package io.github.aksdevsecops.bootstrap.verify;

import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.items;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.name;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.namespace;
import static io.github.aksdevsecops.bootstrap.verify.RenderedObjects.text;

import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link ClusterFacts} from the manifests each component of the environment renders to. */
final class ClusterFactsReader {
  private ClusterFactsReader() {}

  static ClusterFacts read(
      Catalog catalog,
      Environment env,
      Map<String, List<YamlNode>> manifestsByComponent,
      RenderedObjects platform) {
    List<ClusterFacts.ExpectedObject> objects = new ArrayList<>();
    manifestsByComponent.forEach(
        (component, docs) -> {
          for (YamlNode doc : docs) {
            if (doc.isMapping() && doc.optional("kind").isPresent()) {
              objects.add(
                  new ClusterFacts.ExpectedObject(
                      component,
                      doc.requiredText("apiVersion"),
                      doc.requiredText("kind"),
                      namespace(doc),
                      name(doc)));
            }
          }
        });
    List<ClusterFacts.Release> releases = new ArrayList<>();
    for (Component c : catalog.components()) {
      if (env.enables(c.id()) && c.spec() instanceof ComponentSpec.Helm h) {
        releases.add(new ClusterFacts.Release(c.id(), h.release(), h.namespace()));
      }
    }
    return new ClusterFacts(env.simulatedNodes(), access(platform), objects, releases);
  }

  /** Every RoleBinding and ClusterRoleBinding of the manifests that gives people a role. */
  private static List<ClusterFacts.Access> access(RenderedObjects platform) {
    List<ClusterFacts.Access> result = new ArrayList<>();
    for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
      for (YamlNode binding : platform.ofKind(kind)) {
        Optional<String> ns = kind.equals("RoleBinding") ? namespace(binding) : Optional.empty();
        String roleKind = text(binding, "roleRef", "kind").orElse("");
        String roleName = text(binding, "roleRef", "name").orElse("");
        Optional<YamlNode> role =
            platform.ofKind(roleKind).stream()
                .filter(r -> name(r).equals(roleName))
                .filter(r -> roleKind.equals("ClusterRole") || namespace(r).equals(ns))
                .findFirst();
        if (role.isEmpty()) {
          continue; // a role the manifests do not define (a chart's, or Kubernetes' own)
        }
        List<ClusterFacts.Rule> rules =
            items(role.get(), "rules").stream()
                .map(
                    r ->
                        new ClusterFacts.Rule(
                            texts(r, "apiGroups"), texts(r, "resources"), texts(r, "verbs")))
                .toList();
        for (YamlNode subject : items(binding, "subjects")) {
          String subjectKind = text(subject, "kind").orElse("");
          if (subjectKind.equals("Group") || subjectKind.equals("User")) {
            result.add(
                new ClusterFacts.Access(
                    kind + " " + ns.map(n -> n + "/").orElse("") + name(binding),
                    subjectKind,
                    text(subject, "name").orElse(""),
                    ns,
                    rules));
          }
        }
      }
    }
    return result;
  }

  private static List<String> texts(YamlNode node, String key) {
    return items(node, key).stream().map(YamlNode::text).toList();
  }
}
