package io.github.aksdevsecops.bootstrap.validate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kyverno's pattern semantics, one construct at a time. */
class KyvernoPatternTest {
  static Object yaml(String text) {
    return YamlFiles.parseOne(Path.of("p.yaml"), text).toPlain();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "wildcard matches;{image: '*@sha256:*'};{image: 'a/b@sha256:12'};true",
        "wildcard misses;{image: '*@sha256:*'};{image: 'a/b:1'};false",
        "?* needs a value;{cpu: '?*'};{cpu: ''};false",
        "plain key required;{cpu: '?*'};{memory: 1Gi};false",
        "equality anchor skips absent;{'=(privileged)': 'false'};{};true",
        "equality anchor checks present;{'=(privileged)': 'false'};{privileged: true};false",
        "negation anchor;{'X(hostPath)': 'null'};{hostPath: {path: /}};false",
        "negation anchor absent;{'X(hostPath)': 'null'};{emptyDir: {}};true",
        "null counts as absent;{'=(securityContext)': {runAsNonRoot: true}};{securityContext: null};true",
        "greater than;{runAsUser: '>0'};{runAsUser: 1000};true",
        "greater than fails;{runAsUser: '>0'};{runAsUser: 0};false",
        "alternatives;{image: 'a/*|b/*'};{image: 'b/x'};true",
        "negation;{name: '!root'};{name: root};false",
        "boolean as text;{allowPrivilegeEscalation: 'false'};{allowPrivilegeEscalation: false};true",
        "each list element;{c: [{cpu: '?*'}]};{c: [{cpu: 1}, {mem: 2}]};false",
      })
  void matchesAsKyvernoDoes(String scenario, String pattern, String resource, boolean matches) {
    assertThat(KyvernoPattern.mismatch(yaml(pattern), yaml(resource), "").isEmpty())
        .as(scenario)
        .isEqualTo(matches);
  }
}
