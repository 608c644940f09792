package io.github.aksdevsecops.app.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile alternative keeps the properties of the Jib image. */
class DockerfileTest {

  private static final Pattern PINNED =
      Pattern.compile("^FROM\\s+\\S+@sha256:[0-9a-f]{64}(\\s+AS\\s+\\S+)?$");

  /** Logical instructions (continuation lines joined, comments dropped), split into stages. */
  static List<List<String>> stages() throws IOException {
    List<List<String>> stages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
        current.append(' ');
        continue;
      }
      String instruction = current.toString();
      current.setLength(0);
      if (instruction.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).add(instruction);
      }
    }
    return stages;
  }

  @Test
  void everyBaseIsPinnedByDigest() throws IOException {
    List<List<String>> stages = stages();
    assertThat(stages.size() >= 2).as("multi-stage").isTrue();
    for (List<String> stage : stages) {
      assertThat(PINNED.matcher(stage.get(0)))
          .as("not pinned by digest: " + stage.get(0))
          .matches();
    }
  }

  @Test
  void finalStageIsTheJibBaseNonRootWithoutShell() throws IOException {
    List<String> last = stages().get(stages().size() - 1);
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher base = Pattern.compile("<jib.base.image>([^<]+)</jib.base.image>").matcher(pom);
    assertThat(base.find()).isTrue();
    assertThat(last.get(0)).as("same base as the Jib image").isEqualTo("FROM " + base.group(1));
    assertThat(base.group(1))
        .as("distroless: no shell, no package manager")
        .startsWith("gcr.io/distroless/");
    assertThat(last.stream().noneMatch(i -> i.startsWith("RUN ")))
        .as("no RUN in the final stage (it has no shell)")
        .isTrue();
    List<String> users = last.stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).isEqualTo(List.of("USER 65532:65532"));
    String entrypoint =
        last.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    assertThat(entrypoint)
        .as("exec form, no shell: " + entrypoint)
        .startsWith("ENTRYPOINT [\"java\"");
    assertThat(entrypoint).contains("-javaagent:/otel/opentelemetry-javaagent.jar");
    Matcher flag = Pattern.compile("<jvmFlag>([^<]+)</jvmFlag>").matcher(pom);
    int flags = 0;
    for (; flag.find(); flags++) {
      assertThat(entrypoint).as("the Jib image's JVM flags").contains("\"" + flag.group(1) + "\"");
    }
    assertThat(flags).isGreaterThan(5);
    assertThat(last.stream().anyMatch(i -> i.startsWith("ADD ")))
        .as("COPY only, never ADD")
        .isFalse();
    for (String label : List.of("source", "revision", "version")) {
      assertThat(last.stream().anyMatch(i -> i.contains("org.opencontainers.image." + label + "=")))
          .as(label)
          .isTrue();
    }
  }
}
