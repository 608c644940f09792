package io.github.aksdevsecops.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.app.support.RunningJar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged jar without one of its required settings refuses to start: exit 78, one log line
 * that names the missing variable, no stack trace, never listening.
 */
class MissingConfigurationIT {

  static Stream<Arguments> missing() {
    return Stream.of(
        Arguments.of("JWKS_URL", Map.of("JWKS_URL", "")),
        Arguments.of("JWT_ISSUER", Map.of("JWT_ISSUER", " ")),
        Arguments.of("JWT_AUDIENCE", Map.of("JWT_AUDIENCE", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missing")
  void refusesToStartNamingTheSetting(String name, Map<String, String> env) {
    try (RunningJar app = RunningJar.launch(List.of(), env)) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).hasValue(78);
      List<String> lines =
          app.output().lines().filter(l -> !l.contains("\"level\":\"INFO\"")).toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .contains("\"level\":\"ERROR\"", "not started: " + name + " is not set")
          .doesNotContain("Exception", "\\tat ");
      assertThat(app.output()).doesNotContain("started in");
    }
  }
}
