package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outputs of earlier steps written as ${NAME} in a component's files. */
class InputsTest {
  static final String CATALOG =
      """
      components:
        - id: terraform-monitoring
          terraform:
            stack: infra/terraform/monitoring
            outputs: [loki_account]
        - id: loki
          manifests: {path: loki}
          inputs:
            LOKI_ACCOUNT: terraform-monitoring.loki_account
          dependsOn:
            terraform-monitoring: its storage account
      """;

  final Component loki =
      Fixtures.plan(CATALOG, Fixtures.staging()).step("loki").orElseThrow().component();

  static Inputs.Resolver strict(Map<String, String> outputs) {
    return new Inputs.Resolver() {
      @Override
      public Optional<String> apply(OutputRef ref) {
        return Optional.ofNullable(outputs.get(ref.toString()));
      }

      @Override
      public boolean strict() {
        return true;
      }
    };
  }

  @Test
  void applyFillsDeclaredInputsAndLeavesOtherTokens() {
    String out =
        Inputs.substitute(
            "account: ${LOKI_ACCOUNT}\nenv: ${AZURE_TENANT_ID}\n",
            loki,
            strict(Map.of("terraform-monitoring.loki_account", "stlogs")),
            "loki/values.yaml");
    assertThat(out).isEqualTo("account: stlogs\nenv: ${AZURE_TENANT_ID}\n");
  }

  @Test
  void renderLeavesTheTokenAsWritten() {
    assertThat(Inputs.substitute("a: ${LOKI_ACCOUNT}\n", loki, Inputs.Resolver.NONE, "f"))
        .isEqualTo("a: ${LOKI_ACCOUNT}\n");
  }

  @Test
  void applyWithoutTheOutputFailsNamingFileTokenAndOutput() {
    assertThatThrownBy(
            () -> Inputs.substitute("a: ${LOKI_ACCOUNT}\n", loki, strict(Map.of()), "loki/v.yaml"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("loki/v.yaml")
        .hasMessageContaining("${LOKI_ACCOUNT}")
        .hasMessageContaining("terraform-monitoring.loki_account");
  }

  @Test
  void anOutputThatWouldChangeTheYamlAroundItIsRefused() {
    assertThatThrownBy(
            () ->
                Inputs.substitute(
                    "a: ${LOKI_ACCOUNT}\n",
                    loki,
                    strict(Map.of("terraform-monitoring.loki_account", "x\nb: injected")),
                    "f"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("not a plain value");
  }
}
