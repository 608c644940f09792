package io.github.aksdevsecops.bootstrap.validate.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporters file is read strictly: each mistake names its line. */
class ExportersTest {
  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path file = dir.resolve("exporters.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsPodsMetricsAndTheEnvironmentsThatApplyTheExporterThemselves() throws IOException {
    Exporters e =
        Exporters.read(
            write(
                """
                exporters:
                  - name: prometheus
                    source: https://example.org/a
                    builtIn: true
                    metrics: [up]
                  - name: app
                    source: https://example.org/b
                    component: argocd-applications
                    pods:
                      namespace: app
                      labels: {app.kubernetes.io/name: app}
                      appliedOutside: {kind: kubernetes/apps/app/ephemeral}
                    metrics: [requests_total]
                """));
    assertThat(e.of("up")).hasValueSatisfying(x -> assertThat(x.builtIn()).isTrue());
    Exporters.Exporter app = e.of("requests_total").orElseThrow();
    assertThat(app.namespace()).isEqualTo("app");
    assertThat(app.labels()).isEqualTo(Map.of("app.kubernetes.io/name", "app"));
    assertThat(app.appliedOutside()).isEqualTo(Map.of("kind", "kubernetes/apps/app/ephemeral"));
    assertThat(app.component()).contains("argocd-applications");
    assertThat(app.line()).isEqualTo(6);
    assertThat(e.of("nothing_total")).isEmpty();
  }

  @Test
  void aMetricWithTwoOwnersIsRejectedAtItsLine() throws IOException {
    Path file =
        write(
            """
            exporters:
              - {name: a, source: s, builtIn: true, metrics: [up]}
              - {name: b, source: s, builtIn: true, metrics: [x, up]}
            """);
    assertThatThrownBy(() -> Exporters.read(file))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).line()).isEqualTo(3);
              assertThat(e.problems().get(0).message()).contains("up is declared by a and b");
            });
  }

  @Test
  void anExporterNeedsEitherPodsOrBuiltInAndKnownKeysOnly() throws IOException {
    Path neither = write("exporters:\n  - {name: a, source: s, metrics: [x]}\n");
    assertThatThrownBy(() -> Exporters.read(neither)).hasMessageContaining("either builtIn");
    Path typo =
        write(
            "exporters:\n  - {name: a, source: s, metrics: [x],"
                + " pods: {namespace: n, lables: {a: b}}}\n");
    assertThatThrownBy(() -> Exporters.read(typo)).hasMessageContaining("unknown key 'lables'");
    Path noSource = write("exporters:\n  - {name: a, builtIn: true, metrics: [x]}\n");
    assertThatThrownBy(() -> Exporters.read(noSource)).hasMessageContaining("'source'");
  }
}
