package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.github.aksdevsecops.bootstrap.verify.ClusterFacts;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import io.github.aksdevsecops.bootstrap.verify.SkipCause;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For every binding the manifests give people (a Group or User subject), the API server's RBAC
 * answers every request as the role's rules say: each verb and resource the rules list is allowed,
 * and the requests that would hand over the cluster (reading Secrets, exec into pods, writing
 * workloads or RBAC, impersonation) are refused unless a rule lists them. Asked through
 * SubjectAccessReview, so the answer includes every other binding of the cluster: a chart that
 * grants the same group more fails the probe.
 */
public final class RbacProbe implements Probe.Check {
  /** group, resource, verb: what a read-only role must never be able to do. */
  static final List<List<String>> SENSITIVE =
      List.of(
          List.of("", "secrets", "get"),
          List.of("", "secrets", "list"),
          List.of("", "pods/exec", "create"),
          List.of("", "pods/portforward", "create"),
          List.of("", "pods", "create"),
          List.of("apps", "deployments", "update"),
          List.of("", "namespaces", "delete"),
          List.of("rbac.authorization.k8s.io", "clusterrolebindings", "create"),
          List.of("rbac.authorization.k8s.io", "clusterroles", "escalate"),
          List.of("", "users", "impersonate"),
          List.of("kyverno.io", "clusterpolicies", "delete"));

  @Override
  public ProbeResult run(ProbeContext ctx) {
    List<ClusterFacts.Access> access = ctx.facts().cluster().access();
    if (access.isEmpty()) {
      return new ProbeResult.Skipped(
          SkipCause.NOT_ENFORCED, "the environment's manifests bind no Group or User to a role");
    }
    List<String> evidence = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (ClusterFacts.Access a : access) {
      int asked = 0;
      for (List<String> request : requests(a)) {
        boolean expected = a.grants(request.get(0), request.get(1), request.get(2));
        boolean allowed = allowed(ctx, a, request);
        asked++;
        if (allowed != expected) {
          wrong.add(
              a.binding()
                  + ": "
                  + a.subjectKind()
                  + " "
                  + a.subject()
                  + " may "
                  + (allowed ? "" : "not ")
                  + describe(request)
                  + " although the role "
                  + (expected ? "grants" : "does not grant")
                  + " it");
        }
      }
      evidence.add(
          a.binding() + " (" + a.subjectKind() + " " + a.subject() + "): " + asked + " requests");
    }
    evidence.addAll(0, wrong);
    return ProbeResult.of(wrong.isEmpty(), evidence);
  }

  /** Each verb on each resource the role lists, then the sensitive requests. */
  static Set<List<String>> requests(ClusterFacts.Access a) {
    Set<List<String>> result = new LinkedHashSet<>();
    for (ClusterFacts.Rule r : a.rules()) {
      for (String group : r.apiGroups()) {
        for (String resource : r.resources()) {
          for (String verb : r.verbs()) {
            if (!group.equals("*") && !resource.equals("*") && !verb.equals("*")) {
              result.add(List.of(group, resource, verb));
            }
          }
        }
      }
    }
    result.addAll(SENSITIVE);
    return result;
  }

  private static boolean allowed(ProbeContext ctx, ClusterFacts.Access a, List<String> request) {
    String[] resource = request.get(1).split("/", 2);
    var attributes =
        new ResourceAttributesBuilder()
            .withGroup(request.get(0))
            .withResource(resource[0])
            .withSubresource(resource.length > 1 ? resource[1] : null)
            .withVerb(request.get(2))
            .withNamespace(namespace(ctx, a).orElse(null))
            .build();
    SubjectAccessReviewBuilder review =
        new SubjectAccessReviewBuilder().withNewSpec().withResourceAttributes(attributes).endSpec();
    if (a.subjectKind().equals("Group")) {
      review.editSpec().withUser("verify-rbac-probe").withGroups(a.subject()).endSpec();
    } else {
      review.editSpec().withUser(a.subject()).endSpec();
    }
    SubjectAccessReview answer =
        ctx.client().authorization().v1().subjectAccessReview().create(review.build());
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  /**
   * A RoleBinding holds in its namespace; a ClusterRoleBinding is asked in a platform namespace.
   */
  private static Optional<String> namespace(ProbeContext ctx, ClusterFacts.Access a) {
    return a.namespace().or(() -> ctx.facts().restrictedNamespaces().stream().findFirst());
  }

  private static String describe(List<String> request) {
    return request.get(2)
        + " "
        + request.get(1)
        + (request.get(0).isEmpty() ? "" : " (" + request.get(0) + ")");
  }
}
