package io.github.aksdevsecops.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.aksdevsecops.app.support.AppTestProperties;
import io.github.aksdevsecops.app.support.Hardening;
import io.github.aksdevsecops.app.support.Http;
import io.github.aksdevsecops.app.support.Jwks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The image Jib built offline (on the local base), loaded and run under podman with runc: image
 * configuration, reproducibility, and a smoke test of the running container (non-root, read-only
 * root filesystem, readiness, hardened responses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

  private static final String CONTAINERS_CONF =
      """
      [containers]
      default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
      [engine]
      runtime = "runc"
      cgroup_manager = "cgroupfs"
      events_logger = "file"
      """;

  private Path conf;

  /** Storage of its own: other builds on the machine load and remove images of the same name. */
  private Path storage;

  private String image;

  @BeforeAll
  void load() throws IOException {
    String tar = System.getProperty("image.tar");
    assumeThat(tar).as("image not built (-DskipImage)").isNotNull();
    assertThat(Files.isRegularFile(Path.of(tar))).as("image tar missing: " + tar).isTrue();
    conf = Files.createTempFile("containers", ".conf");
    Files.writeString(conf, CONTAINERS_CONF);
    storage = Files.createTempDirectory("podman-storage");
    String loaded = podman(120, "load", "-q", "-i", tar);
    image = loaded.substring(loaded.lastIndexOf(' ') + 1).trim();
    assertThat(image).as(loaded).isNotBlank();
  }

  @AfterAll
  void unload() throws IOException {
    if (image != null) {
      podman(60, "rmi", "-f", image);
    }
    if (storage != null) {
      try (Stream<Path> files = Files.walk(storage)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    if (conf != null) {
      Files.deleteIfExists(conf);
    }
  }

  @Test
  void twoBuildsGiveTheSameDigest() throws IOException {
    String first = Files.readString(Path.of(System.getProperty("image.digest"))).trim();
    String second = Files.readString(Path.of(System.getProperty("image.digest.again"))).trim();
    assertThat(first).matches("sha256:[0-9a-f]{64}");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void imageRunsAsNonRootWithTheAgentAndLabels() {
    assertThat(podman(30, "image", "inspect", "-f", "{{.Config.User}}", image).trim())
        .isEqualTo("65532:65532");
    String entrypoint = podman(30, "image", "inspect", "-f", "{{json .Config.Entrypoint}}", image);
    assertThat(entrypoint).contains("-javaagent:/otel/opentelemetry-javaagent.jar");
    assertThat(entrypoint).contains("-XX:MaxRAMPercentage=50.0", "-XX:MaxMetaspaceSize=128m");
    assertThat(entrypoint).contains("io.github.aksdevsecops.app.Application");
    String labels = podman(30, "image", "inspect", "-f", "{{json .Config.Labels}}", image);
    for (String label :
        List.of(
            "org.opencontainers.image.source",
            "org.opencontainers.image.revision",
            "org.opencontainers.image.version")) {
      assertThat(labels).as(label + " in " + labels).contains("\"" + label + "\"");
    }
    assertThat(
            podman(
                    30,
                    "image",
                    "inspect",
                    "-f",
                    "{{.Created.UTC.Format \"2006-01-02T15:04:05Z\"}}",
                    image)
                .trim())
        .isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void containerServesReadOnlyAsNonRoot() throws Exception {
    int port = AppTestProperties.freePort();
    int management = AppTestProperties.freePort();
    List<String> run =
        new ArrayList<>(
            List.of("run", "-d", "--read-only", "--tmpfs", "/tmp:rw,size=64m,mode=1777"));
    run.addAll(List.of("--cap-drop", "ALL", "--security-opt", "no-new-privileges"));
    run.addAll(
        List.of("-p", "127.0.0.1:" + port + ":8080", "-p", "127.0.0.1:" + management + ":8081"));
    // The issuer's keys as a file: readiness needs them, and the container cannot reach the
    // test's loopback issuer.
    Path keys = Files.createTempFile("jwks", ".json");
    Files.writeString(keys, Jwks.get().jwks());
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
    run.addAll(List.of("-v", keys + ":/jwks/keys.json:ro"));
    run.addAll(List.of("-e", "JWKS_URL=file:///jwks/keys.json", "-e", "JWT_ISSUER=" + Jwks.ISSUER));
    run.addAll(List.of("-e", "JWT_AUDIENCE=" + Jwks.AUDIENCE, "-e", "OTEL_TRACES_EXPORTER=none"));
    run.addAll(List.of("-e", "SHUTDOWN_DRAIN_DELAY=1s"));
    run.add(image);
    String id = podman(60, run.toArray(String[]::new)).trim();
    try {
      URI mgmt = URI.create("http://127.0.0.1:" + management);
      HttpResponse<String> ready = awaitReady(mgmt, id);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

      String pid = podman(30, "inspect", "-f", "{{.State.Pid}}", id).trim();
      String status = Files.readString(Path.of("/proc", pid, "status"));
      assertThat(
              status.lines().anyMatch(l -> l.matches("Uid:\\s+65532\\s+65532\\s+65532\\s+65532")))
          .as(status)
          .isTrue();
      assertThat(podman(30, "inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", id).trim())
          .isEqualTo("true");

      HttpResponse<String> api =
          Http.send(Http.request(URI.create("http://127.0.0.1:" + port), "/api/v1/items").GET());
      assertThat(api.statusCode()).isEqualTo(401);
      Hardening.assertHardened(
          "container 401", h -> api.headers().firstValue(h).orElse(null), api.body());
      HttpResponse<String> authorized =
          Http.send(
              Http.request(URI.create("http://127.0.0.1:" + port), "/api/v1/items")
                  .header("Authorization", "Bearer " + Jwks.get().token("items.read"))
                  .GET());
      assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
      assertThat(
              Http.send(Http.request(URI.create("http://127.0.0.1:" + port), "/prometheus").GET())
                  .statusCode())
          .isEqualTo(404);
    } finally {
      podman(60, "rm", "-f", "-t", "5", id);
      Files.deleteIfExists(keys);
    }
  }

  private HttpResponse<String> awaitReady(URI mgmt, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = Http.send(Http.request(mgmt, "/health/readiness").GET());
        if (response.statusCode() == 200) {
          return response;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("container not ready in 180 s; logs:\n" + podman(30, "logs", id));
  }

  private String podman(int timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "podman",
            "--root",
            storage.resolve("root").toString(),
            "--runroot",
            storage.resolve("run").toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("CONTAINERS_CONF", conf.toString());
      Process process = builder.start();
      byte[] out;
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
      }
      out = process.getInputStream().readAllBytes();
      String text = new String(out, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(command + " failed:\n" + text).isEqualTo(0);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
