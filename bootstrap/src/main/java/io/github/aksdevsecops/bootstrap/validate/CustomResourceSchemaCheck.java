package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.Provided;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every custom resource in the render validates against the schema of the CRD the render itself
 * installs (the exact version the cluster will run), unknown fields included; a custom resource
 * whose CRD nothing installs is reported too, unless the environment file declares the CRD under
 * {@code provided} (installed with the cluster, e.g. by an AKS add-on): then its schema is not in
 * the render to check against.
 */
final class CustomResourceSchemaCheck implements PlatformCheck {
  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    Map<String, Map<String, Object>> versions = new HashMap<>();
    Map<String, Boolean> served = new HashMap<>();
    for (RenderedObject o : env.objects()) {
      if (!o.isKind("CustomResourceDefinition")) {
        continue;
      }
      Map<String, Object> spec = Plain.map(o.content().get("spec"));
      String group = String.valueOf(spec.get("group"));
      String kind = String.valueOf(Plain.map(spec.get("names")).get("kind"));
      for (Object v : Plain.list(spec.get("versions"))) {
        Map<String, Object> version = Plain.map(v);
        String key = group + "/" + version.get("name") + "/" + kind;
        versions.put(key, Plain.map(Plain.map(version.get("schema")).get("openAPIV3Schema")));
        served.put(key, !Boolean.FALSE.equals(version.get("served")));
      }
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, Provided> providedCrds = new java.util.LinkedHashMap<>();
    for (Provided p : env.environment().provided()) {
      if (p.kind().equals("CustomResourceDefinition")) {
        providedCrds.put(p.name(), p);
      }
    }
    java.util.Set<String> usedCrds = new java.util.HashSet<>();
    for (RenderedObject o : env.objects()) {
      String apiVersion = o.object().apiVersion();
      if (!apiVersion.contains(".") || !apiVersion.contains("/") || builtIn(apiVersion)) {
        continue;
      }
      String key = apiVersion + "/" + o.object().kind();
      Map<String, Object> schema = versions.get(key);
      java.util.Optional<String> provided = definedOutside(providedCrds.keySet(), apiVersion, o);
      if (schema == null && provided.isPresent()) {
        usedCrds.add(provided.get());
      } else if (schema == null) {
        problems.add(o.problem(env.name(), "no CRD in the render defines " + key));
      } else if (!served.get(key)) {
        problems.add(o.problem(env.name(), key + " is not served by its CRD"));
      } else {
        for (String p : StructuralSchema.problems(schema, o.content())) {
          problems.add(o.problem(env.name(), "schema of " + key + ": " + p));
        }
      }
    }
    providedCrds.forEach(
        (name, p) -> {
          if (!usedCrds.contains(name)) {
            problems.add(
                Problems.unused(
                    p,
                    env.name(),
                    "CustomResourceDefinition "
                        + name
                        + " defines no custom resource of the render"));
          }
        });
    return problems;
  }

  /**
   * The declared CRD (named plural.group, as Kubernetes names CRDs) that defines the object's kind:
   * its group matches and its plural starts with the kind in lower case.
   */
  private static java.util.Optional<String> definedOutside(
      java.util.Set<String> crds, String apiVersion, RenderedObject o) {
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    String kind = o.object().kind().toLowerCase(java.util.Locale.ROOT);
    return crds.stream().filter(n -> n.endsWith("." + group) && n.startsWith(kind)).findFirst();
  }

  /** API groups the API server serves itself (no CRD). */
  private static boolean builtIn(String apiVersion) {
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    return group.endsWith(".k8s.io") && !group.equals("gateway.networking.k8s.io")
        || group.equals("apps")
        || group.equals("batch")
        || group.equals("policy")
        || group.equals("autoscaling");
  }
}
