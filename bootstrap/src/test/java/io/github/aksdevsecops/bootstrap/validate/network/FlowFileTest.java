package io.github.aksdevsecops.bootstrap.validate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowFileTest {
  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path file = dir.resolve("flows.yaml");
    Files.writeString(file, text);
    return file;
  }

  static final String OUTSIDE =
      """
      outside:
        - name: api-server
          address: 203.0.113.10
          why: the API server
          environments:
            kind:
              address: 172.18.0.2
              ports: {"443": 6443}
        - name: control-plane
          pod:
            namespace: kube-system
            labels: {app: konnectivity-agent}
          why: webhook calls
      """;

  @Test
  void anEnvironmentOverridesAnAddressAndItsPorts() throws IOException {
    Path file = write(OUTSIDE);
    FlowFile staging = FlowFile.read(file, "staging");
    FlowFile kind = FlowFile.read(file, "kind");
    assertThat(((Endpoint.Outside) staging.outside().get("api-server")).address())
        .isEqualTo("203.0.113.10");
    assertThat(staging.outsidePort("api-server", 443)).isEqualTo(443);
    assertThat(((Endpoint.Outside) kind.outside().get("api-server")).address())
        .isEqualTo("172.18.0.2");
    assertThat(kind.outsidePort("api-server", 443)).isEqualTo(6443);
    assertThat(staging.outside().get("control-plane"))
        .isInstanceOfSatisfying(
            Endpoint.Pod.class, p -> assertThat(p.namespace()).isEqualTo("kube-system"));
  }

  @Test
  void flowsAndUnrenderedEntriesWithEnvironmentsHoldOnlyThere() throws IOException {
    Path file =
        write(
            OUTSIDE
                + """
                unrendered:
                  - namespace: falco
                    labels: {app: sidekick}
                    absent: switched off on kind
                    environments: [kind]
                    why: a monitor of a component kind runs without
                flows:
                  - why: the cache exists where it is installed
                    from: {namespace: monitoring, labels: {app: read}}
                    to: {namespace: monitoring, labels: {app: cache}, port: client}
                    environments: [staging, production]
                  - why: everywhere
                    from: {namespace: monitoring, labels: {app: read}}
                    to: {outside: api-server, port: 443}
                """);
    FlowFile staging = FlowFile.read(file, "staging");
    FlowFile kind = FlowFile.read(file, "kind");
    assertThat(staging.flows())
        .extracting(FlowFile.Declared::why)
        .containsExactly("the cache exists where it is installed", "everywhere");
    assertThat(kind.flows()).extracting(FlowFile.Declared::why).containsExactly("everywhere");
    assertThat(staging.unrendered()).isEmpty();
    assertThat(kind.unrendered())
        .extracting(FlowFile.Unrendered::namespace)
        .containsExactly("falco");
  }

  @Test
  void aFlowToAnUnknownEndpointNamesTheLine() throws IOException {
    Path file =
        write(
            OUTSIDE
                + """
                flows:
                  - why: x
                    from: {}
                    to: {outside: git-hub, port: 443}
                """);
    assertThatThrownBy(() -> FlowFile.read(file, "staging"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems().get(0).line()).isEqualTo(17);
              assertThat(e.problems().get(0).message())
                  .contains("no outside endpoint named 'git-hub'");
            });
  }

  @Test
  void anOutsideEndpointIsExactlyOneKind() throws IOException {
    Path file =
        write(
            """
            outside:
              - name: both
                node: true
                address: 203.0.113.1
                why: typo
            """);
    assertThatThrownBy(() -> FlowFile.read(file, "staging")).hasMessageContaining("exactly one of");
  }

  @Test
  void aFlowNamesItsPortAndAFlowOutsideNamesItByNumber() throws IOException {
    Path noPort =
        write(OUTSIDE + "flows:\n  - why: x\n    from: {}\n    to: {outside: api-server}\n");
    assertThatThrownBy(() -> FlowFile.read(noPort, "staging")).hasMessageContaining("port");
    Path named =
        write(
            OUTSIDE
                + "flows:\n  - why: x\n    from: {}\n    to: {outside: api-server, port: https}\n");
    assertThatThrownBy(() -> FlowFile.read(named, "staging")).hasMessageContaining("by number");
  }
}
