package io.github.aksdevsecops.bootstrap.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offline rules reject what they must, so a clean overlay means something. */
class AdmissionRulesTest {

  static final String ACR = "devsecopsacr.azurecr.io";
  static final String DIGEST = "@sha256:" + "b".repeat(64);

  static Workload workload(String yaml) {
    return Manifests.workloads(Manifests.parse(yaml)).get(0);
  }

  static String deployment(
      String podSecurity, String containerSecurity, String image, String resources) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: devsecops-app}
        spec:
          template:
            spec:
              securityContext: %s
              containers:
                - name: app
                  image: %s
                  securityContext: %s
                  resources: %s
        """
        .formatted(podSecurity, image, containerSecurity, resources);
  }

  static final String GOOD_POD = "{runAsNonRoot: true, runAsUser: 65532}";
  static final String GOOD_CONTAINER = "{allowPrivilegeEscalation: false, privileged: false}";
  static final String GOOD_RESOURCES =
      "{requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}";

  @Test
  void compliantDeploymentHasNoViolations() {
    Workload w =
        workload(deployment(GOOD_POD, GOOD_CONTAINER, ACR + "/app" + DIGEST, GOOD_RESOURCES));
    assertThat(AdmissionRules.allViolations(w, ACR)).isEmpty();
  }

  @Test
  void tagWithoutDigestIsRejected() {
    Workload w = workload(deployment(GOOD_POD, GOOD_CONTAINER, ACR + "/app:1.0", GOOD_RESOURCES));
    assertThat(AdmissionRules.REQUIRE_IMAGE_DIGEST.violations(w, ACR))
        .singleElement()
        .asString()
        .contains("not pinned");
  }

  @Test
  void rootUserIsRejectedEvenWhenThePodSaysNonRoot() {
    Workload w =
        workload(
            deployment(
                GOOD_POD,
                "{allowPrivilegeEscalation: false, runAsUser: 0}",
                ACR + "/app" + DIGEST,
                GOOD_RESOURCES));
    assertThat(AdmissionRules.REQUIRE_RUN_AS_NON_ROOT.violations(w, ACR))
        .containsExactly("app: runAsUser is 0");
  }

  @Test
  void missingRunAsNonRootIsRejected() {
    Workload w = workload(deployment("{}", GOOD_CONTAINER, ACR + "/app" + DIGEST, GOOD_RESOURCES));
    assertThat(AdmissionRules.REQUIRE_RUN_AS_NON_ROOT.violations(w, ACR)).isNotEmpty();
  }

  @Test
  void foreignRegistryAndLookAlikeHostAreRejected() {
    for (String image :
        new String[] {"docker.io/library/nginx" + DIGEST, ACR + ".evil.example/app" + DIGEST}) {
      Workload w = workload(deployment(GOOD_POD, GOOD_CONTAINER, image, GOOD_RESOURCES));
      assertThat(AdmissionRules.RESTRICT_IMAGE_REGISTRIES.violations(w, ACR)).as(image).hasSize(1);
    }
  }

  @Test
  void missingLimitsAreRejected() {
    Workload w =
        workload(
            deployment(
                GOOD_POD,
                GOOD_CONTAINER,
                ACR + "/app" + DIGEST,
                "{requests: {cpu: 1, memory: 1Gi}}"));
    assertThat(AdmissionRules.REQUIRE_REQUESTS_LIMITS.violations(w, ACR))
        .containsExactly("app: no resources.limits.cpu", "app: no resources.limits.memory");
  }

  @Test
  void privilegedOrUnsetEscalationIsRejected() {
    Workload privileged =
        workload(
            deployment(
                GOOD_POD,
                "{privileged: true, allowPrivilegeEscalation: false}",
                ACR + "/a" + DIGEST,
                GOOD_RESOURCES));
    Workload unset = workload(deployment(GOOD_POD, "{}", ACR + "/a" + DIGEST, GOOD_RESOURCES));
    assertThat(AdmissionRules.DISALLOW_PRIVILEGE_ESCALATION.violations(privileged, ACR))
        .containsExactly("app: privileged");
    assertThat(AdmissionRules.DISALLOW_PRIVILEGE_ESCALATION.violations(unset, ACR))
        .containsExactly("app: allowPrivilegeEscalation is not false");
  }

  @Test
  void readsPodTemplatesOfEveryControllerKind() {
    Workload cron =
        workload(
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers: [{name: init, image: busybox}]
                      containers: [{name: job, image: alpine}]
            """);
    assertThat(cron.containers())
        .extracting(Workload.Container::name)
        .containsExactly("init", "job");
    assertThat(Manifests.WORKLOAD_KINDS).contains("Rollout", "CronJob", "Pod");
  }
}
