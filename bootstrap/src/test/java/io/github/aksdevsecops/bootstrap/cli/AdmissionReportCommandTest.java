package io.github.aksdevsecops.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden {@code admission-report}: validate's admission evaluator over a render directory, per
 * object, with the pods operators make carried as the objects it models.
 */
class AdmissionReportCommandTest {
  @TempDir Path dir;

  private static final String POLICY =
      """
      apiVersion: kyverno.io/v1
      kind: ClusterPolicy
      metadata:
        name: disallow-privileged
      spec:
        rules:
        - name: privileged
          match:
            any:
            - resources:
                kinds: [Pod]
          validate:
            failureAction: Enforce
            message: no privileged containers
            pattern:
              spec:
                containers:
                - =(securityContext):
                    =(privileged): "false"
      """;

  private static String deployment(String name, boolean privileged) {
    return """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: apps
        spec:
          template:
            spec:
              containers:
              - name: c
                image: registry.example/app@sha256:0
                securityContext:
                  privileged: %s
        """
        .formatted(name, privileged);
  }

  @Test
  void refusesOnlyThePrivilegedControllerUnderItsGeneratedRule() throws Exception {
    Files.writeString(dir.resolve("01-policies.yaml"), POLICY);
    Files.writeString(
        dir.resolve("02-apps.yaml"),
        deployment("web", false)
            + deployment("root", true)
            + """
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: canary
              namespace: apps
            spec:
              template:
                metadata:
                  labels: {app: canary}
                spec:
                  containers:
                  - name: c
                    image: registry.example/app@sha256:0
                    securityContext:
                      privileged: true
            """);
    Files.writeString(dir.resolve("notes.txt"), "not a render file");

    Files.createDirectory(dir.resolve("empty"));

    Cli.Run run = Cli.run(dir, "admission-report", dir.toString(), "empty");

    assertThat(run.code()).as(run.err()).isZero();
    Map<String, Object> reports = Json.read(run.out(), Map.class);
    assertThat(reports).containsOnlyKeys(dir.toString(), "empty");
    assertThat(reports.get("empty"))
        .isEqualTo(Map.of("rules", 0, "evaluated", List.of(), "refused", List.of()));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) reports.get(dir.toString());
    assertThat(report.get("rules")).isEqualTo(1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> refused = (List<Map<String, Object>>) report.get("refused");
    assertThat(refused)
        .extracting(r -> r.get("kind") + " " + r.get("name") + " " + r.get("rule"))
        .containsExactly(
            "Deployment root autogen-privileged", "Pod canary-??????????-????? privileged");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> evaluated = (List<Map<String, Object>>) report.get("evaluated");
    assertThat(evaluated).hasSize(3);
    Map<String, Object> rolloutPod = evaluated.get(2);
    assertThat(rolloutPod.get("from")).isEqualTo("Rollout apps/canary");
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) rolloutPod.get("object");
    assertThat(object.get("kind")).isEqualTo("Pod");
    assertThat(object.get("metadata"))
        .isEqualTo(
            Map.of(
                "labels", Map.of("app", "canary"),
                "name", "canary-??????????-?????",
                "namespace", "apps"));
    assertThat(evaluated.get(0)).doesNotContainKey("object");
  }

  @Test
  void aMissingDirectoryIsAnInputErrorNamingIt() {
    Cli.Run run = Cli.run(dir, "admission-report", dir.toString(), "nowhere");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nowhere").contains("not a directory");
  }
}
