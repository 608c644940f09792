package io.github.aksdevsecops.bootstrap.validate.admission;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyverno's admission decision for pods, offline, from the rendered platform itself: the
 * ClusterPolicies and Policies with Enforce validate rules, the PolicyExceptions in the namespace
 * Kyverno is configured to honour (its admission controller's flags), and Kyverno's resource
 * filters (its ConfigMap). Rules written for Pods apply to controllers through the rules Kyverno
 * generates ({@code autogen-}, {@code autogen-cronjob-}), which exceptions name.
 */
public final class KyvernoAdmission {
  private static final Pattern FILTER = Pattern.compile("\\[([^,\\]]*),([^,\\]]*),([^\\]]*)]");

  /** One Enforce rule with a validate pattern (or anyPattern). */
  record Rule(
      String policy,
      String name,
      String policyNamespace,
      List<ResourceFilter> matchAny,
      List<ResourceFilter> matchAll,
      List<ResourceFilter> excludeAny,
      List<ResourceFilter> excludeAll,
      List<Object> patterns,
      String message) {}

  /** One Kyverno PolicyException: which rules it lifts, for which resources. */
  record Exemption(
      String name,
      Map<String, List<String>> rulesByPolicy,
      List<ResourceFilter> matchAny,
      List<ResourceFilter> matchAll) {}

  /** A pod Kyverno would reject: policy, rule (as Kyverno names it), message, what failed. */
  public record Violation(String policy, String rule, String message, String detail) {}

  /** An Enforce rule this evaluator cannot check (only pattern and anyPattern are). */
  public record Unchecked(String policy, String rule, String why) {}

  private final List<Rule> rules;
  private final List<Exemption> exceptions;
  private final List<String[]> filters;
  private final List<Unchecked> unchecked;

  private KyvernoAdmission(
      List<Rule> rules,
      List<Exemption> exceptions,
      List<String[]> filters,
      List<Unchecked> unchecked) {
    this.rules = rules;
    this.exceptions = exceptions;
    this.filters = filters;
    this.unchecked = unchecked;
  }

  public static KyvernoAdmission of(List<RenderedObject> objects) {
    return ofDocuments(objects.stream().map(RenderedObject::content).toList());
  }

  /** From plain documents: policies, exceptions, Kyverno's ConfigMap and admission controller. */
  static KyvernoAdmission ofDocuments(List<Map<String, Object>> docs) {
    List<Rule> rules = new ArrayList<>();
    List<Unchecked> unchecked = new ArrayList<>();
    List<Exemption> exceptions = new ArrayList<>();
    List<String[]> filters = new ArrayList<>();
    Map<String, String> flags = admissionFlags(docs);
    boolean exceptionsOn =
        Boolean.parseBoolean(flags.getOrDefault("enablePolicyException", "false"));
    String exceptionNamespace = flags.getOrDefault("exceptionNamespace", "");
    for (Map<String, Object> doc : docs) {
      String apiVersion = String.valueOf(doc.get("apiVersion"));
      boolean kyverno = apiVersion.startsWith("kyverno.io/");
      String kind = String.valueOf(doc.get("kind"));
      Map<String, Object> metadata = Plain.map(doc.get("metadata"));
      String name = String.valueOf(metadata.get("name"));
      String namespace = (String) metadata.get("namespace");
      if (kyverno && (kind.equals("ClusterPolicy") || kind.equals("Policy"))) {
        readRules(name, kind.equals("Policy") ? namespace : null, doc, rules, unchecked);
      } else if (kyverno
          && kind.equals("PolicyException")
          && exceptionsOn
          && (exceptionNamespace.isEmpty() || exceptionNamespace.equals(namespace))) {
        exceptions.add(exception(name, Plain.map(doc.get("spec"))));
      } else if (kind.equals("ConfigMap")
          && name.equals("kyverno")
          && "kyverno".equals(namespace)) {
        Object text = Plain.map(doc.get("data")).get("resourceFilters");
        if (text != null) {
          Matcher m = FILTER.matcher(String.valueOf(text));
          while (m.find()) {
            filters.add(new String[] {m.group(1).trim(), m.group(2).trim(), m.group(3).trim()});
          }
        }
      }
    }
    return new KyvernoAdmission(rules, exceptions, filters, unchecked);
  }

  public List<Unchecked> unchecked() {
    return List.copyOf(unchecked);
  }

  public int ruleCount() {
    return rules.size();
  }

  /** Every Enforce rule that rejects this pod, exceptions honoured. */
  public List<Violation> evaluate(Subject s) {
    if (filtered(s)) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    for (Rule rule : rules) {
      if (!applies(rule, s)) {
        continue;
      }
      List<String> why = new ArrayList<>();
      boolean passes = false;
      for (Object pattern : rule.patterns()) {
        Optional<String> m = KyvernoPattern.mismatch(pattern, s.pod(), "");
        if (m.isEmpty()) {
          passes = true;
          break;
        }
        why.add(m.get().startsWith(".") ? m.get().substring(1) : m.get());
      }
      String ruleName = s.ruleName(rule.name());
      if (!passes && !excepted(rule.policy(), ruleName, s)) {
        violations.add(
            new Violation(
                rule.policy(),
                ruleName,
                rule.message().replace("{{ request.object.metadata.name }}", s.name()),
                String.join("; or ", why)));
      }
    }
    return violations;
  }

  private boolean filtered(Subject s) {
    for (String[] f : filters) {
      boolean kind = f[0].equals("*/*") || KyvernoPattern.globMatches(f[0], s.kind());
      if (kind
          && KyvernoPattern.globMatches(f[1], s.namespace())
          && KyvernoPattern.globMatches(f[2], s.name())) {
        return true;
      }
    }
    return false;
  }

  /** Rules for Pods apply to pods and, generated, to their controllers. */
  private static boolean applies(Rule rule, Subject s) {
    if (rule.policyNamespace() != null && !rule.policyNamespace().equals(s.namespace())) {
      return false;
    }
    Subject asPod =
        new Subject("Pod", s.namespace(), s.name(), s.labels(), s.namespaceLabels(), s.pod());
    return matches(rule.matchAny(), rule.matchAll(), asPod)
        && !(matchesExclude(rule.excludeAny(), rule.excludeAll(), asPod));
  }

  private boolean excepted(String policy, String ruleName, Subject s) {
    for (Exemption e : exceptions) {
      List<String> lifted = e.rulesByPolicy().get(policy);
      if (lifted != null && lifted.contains(ruleName) && matches(e.matchAny(), e.matchAll(), s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<ResourceFilter> any, List<ResourceFilter> all, Subject s) {
    boolean anyOk = any.isEmpty() || any.stream().anyMatch(f -> f.matches(s));
    boolean allOk = all.stream().allMatch(f -> f.matches(s));
    return (!any.isEmpty() || !all.isEmpty()) && anyOk && allOk;
  }

  private static boolean matchesExclude(
      List<ResourceFilter> any, List<ResourceFilter> all, Subject s) {
    return (!any.isEmpty() && any.stream().anyMatch(f -> f.matches(s)))
        || (!all.isEmpty() && all.stream().allMatch(f -> f.matches(s)));
  }

  private static void readRules(
      String policy,
      String namespace,
      Map<String, Object> doc,
      List<Rule> rules,
      List<Unchecked> unchecked) {
    Map<String, Object> spec = Plain.map(doc.get("spec"));
    String defaultAction = String.valueOf(spec.getOrDefault("validationFailureAction", "Audit"));
    for (Object r : Plain.list(spec.get("rules"))) {
      Map<String, Object> rule = Plain.map(r);
      Map<String, Object> validate = Plain.map(rule.get("validate"));
      if (validate.isEmpty()) {
        continue; // mutate, generate and verifyImages rules: not a validate decision
      }
      String action = String.valueOf(validate.getOrDefault("failureAction", defaultAction));
      if (!action.equalsIgnoreCase("Enforce")) {
        continue;
      }
      String name = String.valueOf(rule.get("name"));
      List<Object> patterns = new ArrayList<>();
      if (validate.containsKey("pattern")) {
        patterns.add(validate.get("pattern"));
      }
      patterns.addAll(Plain.list(validate.get("anyPattern")));
      if (patterns.isEmpty()) {
        unchecked.add(
            new Unchecked(policy, name, "only pattern and anyPattern rules are evaluated offline"));
        continue;
      }
      Map<String, Object> match = Plain.map(rule.get("match"));
      Map<String, Object> exclude = Plain.map(rule.get("exclude"));
      rules.add(
          new Rule(
              policy,
              name,
              namespace,
              filters(match, "any"),
              filters(match, "all"),
              filters(exclude, "any"),
              filters(exclude, "all"),
              patterns,
              String.valueOf(validate.getOrDefault("message", ""))));
    }
  }

  private static Exemption exception(String name, Map<String, Object> spec) {
    Map<String, List<String>> byPolicy = new LinkedHashMap<>();
    for (Object e : Plain.list(spec.get("exceptions"))) {
      Map<String, Object> entry = Plain.map(e);
      byPolicy
          .computeIfAbsent(String.valueOf(entry.get("policyName")), k -> new ArrayList<>())
          .addAll(Plain.strings(entry.get("ruleNames")));
    }
    Map<String, Object> match = Plain.map(spec.get("match"));
    return new Exemption(name, byPolicy, filters(match, "any"), filters(match, "all"));
  }

  /** The resources blocks of match.any / match.all (and the legacy match.resources as "any"). */
  private static List<ResourceFilter> filters(Map<String, Object> block, String which) {
    List<ResourceFilter> result = new ArrayList<>();
    for (Object f : Plain.list(block.get(which))) {
      result.add(ResourceFilter.of(Plain.map(f).get("resources")));
    }
    if (which.equals("any") && block.containsKey("resources")) {
      result.add(ResourceFilter.of(block.get("resources")));
    }
    return result;
  }

  private static Map<String, String> admissionFlags(List<Map<String, Object>> docs) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (Map<String, Object> doc : docs) {
      String name = String.valueOf(Plain.map(doc.get("metadata")).get("name"));
      if ("Deployment".equals(doc.get("kind")) && name.endsWith("admission-controller")) {
        for (Object c :
            Plain.list(Plain.dig(doc, List.of("spec", "template", "spec", "containers")))) {
          for (Object arg : Plain.list(Plain.map(c).get("args"))) {
            String a = String.valueOf(arg);
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
              flags.put(a.substring(2, eq), a.substring(eq + 1));
            }
          }
        }
      }
    }
    return flags;
  }
}
