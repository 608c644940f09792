package io.github.aksdevsecops.bootstrap.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The offline rules and the Kyverno policies must mean the same thing: for every resource of every
 * {@code kyverno test} suite, the Java rule of that policy reaches the verdict the suite expects
 * from Kyverno (a resource fails a policy when any rule of the policy is expected to fail it).
 */
class AdmissionRulesAgreeWithKyvernoSuitesTest {

  /** Registry host the un-patched base policies allow (the overlays replace it). */
  static final String BASE_REGISTRY = "devsecopsacr.azurecr.io";

  @TestFactory
  Stream<DynamicTest> javaRulesMatchKyvernoExpectations() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (AdmissionRules rule : AdmissionRules.values()) {
      Path suiteDir = RepoPaths.POLICIES.resolve(rule.policyName());
      Path suite = suiteDir.resolve("kyverno-test.yaml");
      assertThat(suite).as("kyverno test suite of " + rule.policyName()).exists();
      Map<String, Object> test = Manifests.parse(RepoPaths.read(suite)).get(0);
      Map<String, Workload> resources = new HashMap<>();
      for (Object file : (List<?>) Manifests.get(test, "resources")) {
        for (Workload w :
            Manifests.workloads(
                Manifests.parse(RepoPaths.read(suiteDir.resolve(file.toString()))))) {
          resources.put(w.kind() + "/" + w.name(), w);
        }
      }
      Map<String, Boolean> expectedToFail = new HashMap<>();
      for (Map<String, Object> result : Manifests.maps(test, "results")) {
        if (!rule.policyName().equals(result.get("policy"))) {
          continue;
        }
        String outcome = result.get("result").toString();
        for (Object name : (List<?>) result.get("resources")) {
          String key = result.get("kind") + "/" + name;
          expectedToFail.merge(key, outcome.equals("fail"), Boolean::logicalOr);
        }
      }
      assertThat(expectedToFail)
          .as("expectations of " + rule.policyName())
          .containsValue(true)
          .containsValue(false);
      expectedToFail.forEach(
          (key, fails) ->
              tests.add(
                  DynamicTest.dynamicTest(
                      rule.policyName() + ": " + key + (fails ? " is rejected" : " is admitted"),
                      () -> {
                        assertThat(resources).as("resources of " + suite).containsKey(key);
                        List<String> violations =
                            rule.violations(resources.get(key), BASE_REGISTRY);
                        if (fails) {
                          assertThat(violations).as(key).isNotEmpty();
                        } else {
                          assertThat(violations).as(key).isEmpty();
                        }
                      })));
    }
    assertThat(Files.isDirectory(RepoPaths.POLICIES)).isTrue();
    return tests.stream();
  }
}
