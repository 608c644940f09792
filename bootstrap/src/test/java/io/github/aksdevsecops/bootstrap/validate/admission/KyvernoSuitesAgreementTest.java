package io.github.aksdevsecops.bootstrap.validate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import java.io.IOException;
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
 * The offline admission evaluator and Kyverno must mean the same thing: for every result of every
 * {@code kyverno test} suite in the repository (the suites the policy-tests workflow runs with the
 * Kyverno CLI), the evaluator, given the suite's policy, reaches the same verdict for that rule and
 * resource. A rule that is expected to pass must raise no violation under that rule's name.
 */
class KyvernoSuitesAgreementTest {
  static final Path POLICIES =
      Path.of(System.getProperty("repo.root", ".."))
          .toAbsolutePath()
          .normalize()
          .resolve("kubernetes/security/kyverno/policies");

  static List<Map<String, Object>> documents(Path file) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (YamlNode n : YamlFiles.readAll(file)) {
      docs.add(Plain.map(n.toPlain()));
    }
    return docs;
  }

  @TestFactory
  Stream<DynamicTest> evaluatorAgreesWithEverySuite() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> suites;
    try (Stream<Path> files = Files.walk(POLICIES)) {
      suites =
          files
              .filter(p -> p.getFileName().toString().equals("kyverno-test.yaml"))
              .sorted()
              .toList();
    }
    assertThat(suites).as("kyverno test suites").hasSizeGreaterThanOrEqualTo(6);
    for (Path suite : suites) {
      Path dir = suite.getParent();
      Map<String, Object> test = documents(suite).get(0);
      List<Map<String, Object>> policies = new ArrayList<>();
      Plain.strings(test.get("policies")).forEach(f -> policies.addAll(documents(dir.resolve(f))));
      KyvernoAdmission admission = KyvernoAdmission.ofDocuments(policies);
      boolean validates = admission.ruleCount() > 0;
      Map<String, Map<String, Object>> resources = new HashMap<>();
      for (String f : Plain.strings(test.get("resources"))) {
        for (Map<String, Object> doc : documents(dir.resolve(f))) {
          resources.put(doc.get("kind") + "/" + Plain.map(doc.get("metadata")).get("name"), doc);
        }
      }
      for (Object r : Plain.list(test.get("results"))) {
        Map<String, Object> result = Plain.map(r);
        String rule = String.valueOf(result.get("rule"));
        String outcome = String.valueOf(result.get("result"));
        if (!validates || outcome.equals("skip")) {
          continue; // verifyImages suites: signatures are checked only by a cluster
        }
        for (String name : Plain.strings(result.get("resources"))) {
          String key = result.get("kind") + "/" + name;
          tests.add(
              DynamicTest.dynamicTest(
                  dir.getFileName() + " " + rule + ": " + key + " " + outcome,
                  () -> {
                    assertThat(resources).as("resources of " + suite).containsKey(key);
                    Map<String, Object> doc = resources.get(key);
                    String ns =
                        String.valueOf(
                            Plain.map(doc.get("metadata")).getOrDefault("namespace", "default"));
                    Subject subject =
                        Workloads.subject(
                                doc, ns, Map.of("kubernetes.io/metadata.name", ns), Map.of())
                            .orElseThrow();
                    List<String> violated =
                        admission.evaluate(subject).stream()
                            .map(KyvernoAdmission.Violation::rule)
                            .toList();
                    // Suites name a controller's result by its generated rule already.
                    String expected = rule.startsWith("autogen-") ? rule : subject.ruleName(rule);
                    if (outcome.equals("fail")) {
                      assertThat(violated).as(key).contains(expected);
                    } else {
                      assertThat(violated).as(key).doesNotContain(expected);
                    }
                  }));
        }
      }
    }
    assertThat(tests).as("suite expectations checked").hasSizeGreaterThan(40);
    return tests.stream();
  }
}
