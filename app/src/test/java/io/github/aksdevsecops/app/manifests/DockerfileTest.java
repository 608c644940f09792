package io.github.aksdevsecops.app.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertTrue(stages.size() >= 2, "multi-stage");
    for (List<String> stage : stages) {
      assertTrue(PINNED.matcher(stage.get(0)).matches(), "not pinned by digest: " + stage.get(0));
    }
  }

  @Test
  void finalStageIsTheJibBaseNonRootWithoutShell() throws IOException {
    List<String> last = stages().get(stages().size() - 1);
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher base = Pattern.compile("<jib.base.image>([^<]+)</jib.base.image>").matcher(pom);
    assertTrue(base.find());
    assertEquals("FROM " + base.group(1), last.get(0), "same base as the Jib image");
    assertTrue(
        base.group(1).startsWith("gcr.io/distroless/"), "distroless: no shell, no package manager");
    assertTrue(
        last.stream().noneMatch(i -> i.startsWith("RUN ")),
        "no RUN in the final stage (it has no shell)");
    List<String> users = last.stream().filter(i -> i.startsWith("USER ")).toList();
    assertEquals(List.of("USER 65532:65532"), users);
    String entrypoint =
        last.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    assertTrue(entrypoint.startsWith("ENTRYPOINT [\"java\""), "exec form, no shell: " + entrypoint);
    assertTrue(entrypoint.contains("-javaagent:/otel/opentelemetry-javaagent.jar"), entrypoint);
    assertFalse(last.stream().anyMatch(i -> i.startsWith("ADD ")), "COPY only, never ADD");
    for (String label : List.of("source", "revision", "version")) {
      assertTrue(
          last.stream().anyMatch(i -> i.contains("org.opencontainers.image." + label + "=")),
          label);
    }
  }
}
