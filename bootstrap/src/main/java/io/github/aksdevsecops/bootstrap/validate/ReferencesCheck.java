package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.Provided;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.render.RenderedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Secret, ConfigMap, ServiceAccount, claim, storage class, SecretProviderClass, Ingress
 * backend and AppProject a rendered object names is provided at or before the object's step: by an
 * object of the render, by what an object of the render makes (cert-manager's Certificate and
 * Ingress TLS Secrets, the Secrets a mounted SecretProviderClass syncs from Key Vault, the Secret a
 * chart's pre-install hook Job is allowed to create and names), by a bootstrap {@code secrets}
 * step, or by the cluster itself as the environment file declares under {@code provided} (with who
 * provides it). Two things every Kubernetes namespace holds are accepted without declaration: the
 * {@code default} ServiceAccount and the {@code kube-root-ca.crt} ConfigMap.
 */
final class ReferencesCheck implements PlatformCheck {
  /** Objects Kubernetes creates in every namespace by itself, and who creates them. */
  static final Map<String, String> EVERY_NAMESPACE =
      Map.of(
          "ServiceAccount/default", "the service account controller creates it in each namespace",
          "ConfigMap/kube-root-ca.crt", "the root CA publisher writes it into each namespace");

  private static final String HOOK = "helm.sh/hook";

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    Map<RenderedStep, Integer> position = new java.util.IdentityHashMap<>();
    List<RenderedStep> steps = env.render().steps();
    for (int i = 0; i < steps.size(); i++) {
      position.put(steps.get(i), i);
    }
    Providers providers = new Providers();
    List<Problem> problems = new ArrayList<>();
    Set<String> mountedClasses = new HashSet<>();
    for (RenderedObject o : env.objects()) {
      for (References.Reference r : References.of(o)) {
        if (r.kind().equals("SecretProviderClass")) {
          mountedClasses.add(r.namespace() + "/" + r.name());
        }
      }
    }
    for (RenderedObject o : env.objects()) {
      int step = position.get(o.step());
      KubeObject k = o.object();
      String ns = k.namespace() == null ? "" : k.namespace();
      providers.add(k.kind(), ns, k.name(), step);
      Map<String, Object> spec = Plain.map(o.content().get("spec"));
      switch (k.kind()) {
        case "Certificate" -> providers.add("Secret", ns, spec.get("secretName"), step);
        case "Ingress" -> {
          Map<String, Object> annotations = annotations(o.content());
          if (annotations.containsKey("cert-manager.io/cluster-issuer")
              || annotations.containsKey("cert-manager.io/issuer")) {
            for (Object tls : Plain.list(spec.get("tls"))) {
              providers.add("Secret", ns, Plain.map(tls).get("secretName"), step);
            }
          }
        }
        case "SecretProviderClass" -> {
          List<Object> synced = Plain.list(spec.get("secretObjects"));
          if (!synced.isEmpty() && !mountedClasses.contains(ns + "/" + k.name())) {
            problems.add(
                o.problem(
                    env.name(),
                    "syncs Secrets from Key Vault but no pod of the render mounts it: the driver"
                        + " creates them only while a pod mounts the class"));
          } else {
            for (Object s : synced) {
              providers.add("Secret", ns, Plain.map(s).get("secretName"), step);
            }
          }
        }
        case "Application" -> {
          Object path = Plain.map(spec.get("source")).get("path");
          if (path != null
              && !Files.isRegularFile(repository.root().resolve(path + "/kustomization.yaml"))) {
            problems.add(
                o.problem(
                    env.name(),
                    "spec.source.path "
                        + path
                        + " is no kustomization of this repository: Argo CD would sync nothing"));
          }
        }
        default -> {}
      }
    }
    hookSecrets(env.objects(), position, providers);
    for (RenderedStep s : steps) {
      if (s.step().component().spec() instanceof ComponentSpec.Secrets generated) {
        for (ComponentSpec.GeneratedSecret g : generated.secrets()) {
          providers.add("Secret", g.namespace(), g.name(), position.get(s));
        }
      }
    }
    Set<String> used = new HashSet<>();
    Map<String, Provided> declared = new LinkedHashMap<>();
    for (Provided p : env.environment().provided()) {
      declared.put(p.key(), p);
    }
    for (RenderedObject o : env.objects()) {
      int step = position.get(o.step());
      for (References.Reference r : References.of(o)) {
        if (EVERY_NAMESPACE.containsKey(r.kind() + "/" + r.name())) {
          continue;
        }
        if (declared.containsKey(r.key())) {
          used.add(r.key());
          continue;
        }
        Integer at = providers.at(r.key());
        boolean backend = o.isKind("Ingress") && r.kind().equals("Service");
        if (at == null) {
          problems.add(
              located(
                  repository.root(),
                  o,
                  env,
                  r,
                  "nothing creates it: no object or bootstrap step of the render provides it, and"
                      + " the environment file does not declare it under provided"));
        } else if (at > step && !backend) {
          // An Ingress without endpoints answers 503 until its Service exists, and recovers by
          // itself; a pod waiting for a Secret holds its release's wait until it times out.
          problems.add(
              located(
                  repository.root(),
                  o,
                  env,
                  r,
                  "provided only by step "
                      + steps.get(at).step().id()
                      + ", which runs after this object's step "
                      + o.step().step().id()));
        }
      }
    }
    for (Provided p : declared.values()) {
      // CRDs are matched by the custom resource schema check, which reports its unused ones.
      if (!used.contains(p.key()) && !p.kind().equals("CustomResourceDefinition")) {
        problems.add(
            Problems.unused(p, env.name(), p.key() + " is named by no object of the render"));
      }
    }
    return problems;
  }

  private static Problem located(
      Path root, RenderedObject o, RenderedEnvironment env, References.Reference r, String why) {
    String message =
        o.object().describe()
            + ": "
            + r.field()
            + " names "
            + r.kind()
            + " "
            + (r.namespace().isEmpty() ? "" : r.namespace() + "/")
            + r.name()
            + ", but "
            + why;
    return PlaceholderCheck.writtenIn(root, o, r.name())
        .map(at -> new Problem(at.file(), at.line(), "[" + env.name() + "] " + message))
        .orElseGet(
            () -> new Problem(o.origin(), o.originLine(), "[" + env.name() + "] " + message));
  }

  /**
   * Secrets created by a chart's pre-install hook Job: the Job's service account may create Secrets
   * in its namespace, and the Job names the Secret in its arguments or its Role names it.
   */
  private static void hookSecrets(
      List<RenderedObject> objects, Map<RenderedStep, Integer> position, Providers providers) {
    Map<String, List<Map<String, Object>>> rolesBySa = new HashMap<>();
    Map<String, Map<String, Object>> roles = new HashMap<>();
    for (RenderedObject o : objects) {
      if (o.isKind("Role")) {
        roles.put(o.object().namespace() + "/" + o.object().name(), o.content());
      }
    }
    for (RenderedObject o : objects) {
      if (!o.isKind("RoleBinding")) {
        continue;
      }
      Map<String, Object> roleRef = Plain.map(o.content().get("roleRef"));
      Map<String, Object> role = roles.get(o.object().namespace() + "/" + roleRef.get("name"));
      if (role == null) {
        continue;
      }
      for (Object s : Plain.list(o.content().get("subjects"))) {
        Map<String, Object> subject = Plain.map(s);
        if ("ServiceAccount".equals(subject.get("kind"))) {
          Object ns = subject.getOrDefault("namespace", o.object().namespace());
          rolesBySa
              .computeIfAbsent(ns + "/" + subject.get("name"), k -> new ArrayList<>())
              .add(role);
        }
      }
    }
    for (RenderedObject o : objects) {
      String hook = String.valueOf(annotations(o.content()).getOrDefault(HOOK, ""));
      if (!o.isKind("Job") || !hook.contains("pre-install")) {
        continue;
      }
      String ns = o.object().namespace();
      Map<String, Object> pod =
          Plain.map(Plain.dig(o.content(), List.of("spec", "template", "spec")));
      List<Map<String, Object>> granted =
          rolesBySa.getOrDefault(ns + "/" + pod.get("serviceAccountName"), List.of());
      boolean mayCreate =
          granted.stream()
              .flatMap(r -> Plain.list(r.get("rules")).stream().map(Plain::map))
              .anyMatch(
                  rule ->
                      Plain.strings(rule.get("resources")).contains("secrets")
                          && Plain.strings(rule.get("verbs")).contains("create"));
      if (!mayCreate) {
        continue;
      }
      Set<String> names = new HashSet<>();
      for (Object c : Plain.list(pod.get("containers"))) {
        for (String arg : Plain.strings(Plain.map(c).get("args"))) {
          if (arg.startsWith("--secret-name=")) {
            names.add(arg.substring("--secret-name=".length()));
          }
        }
      }
      granted.stream()
          .flatMap(r -> Plain.list(r.get("rules")).stream().map(Plain::map))
          .filter(rule -> Plain.strings(rule.get("resources")).contains("secrets"))
          .forEach(rule -> names.addAll(Plain.strings(rule.get("resourceNames"))));
      for (String name : names) {
        providers.add("Secret", ns, name, position.get(o.step()));
      }
    }
  }

  private static Map<String, Object> annotations(Map<String, Object> doc) {
    return Plain.map(Plain.map(doc.get("metadata")).get("annotations"));
  }

  /** The earliest step at which each kind/namespace/name exists. */
  private static final class Providers {
    private final Map<String, Integer> first = new HashMap<>();

    void add(String kind, String ns, Object name, int step) {
      if (name == null || String.valueOf(name).isEmpty()) {
        return;
      }
      first.merge(kind + "/" + ns + "/" + name, step, Math::min);
    }

    Integer at(String key) {
      return first.get(key);
    }
  }
}
