package io.github.aksdevsecops.bootstrap.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.render.TestCharts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart archives come verified: from a mirror checked against its SHA256SUMS, from a repository
 * served over HTTP on loopback and checked against its index's digest; an archive cannot write
 * outside the directory it is unpacked into.
 */
class ChartSourcesTest {
  @TempDir Path dir;
  HttpServer server;
  final Map<String, byte[]> served = new ConcurrentHashMap<>();
  Path archive;

  @BeforeEach
  void setUp() throws IOException {
    archive = TestCharts.packageInto(dir.resolve("mirror"), "web", "1.2.3");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = served.get(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static ComponentSpec.Helm chart(String url) {
    return new ComponentSpec.Helm(
        "example",
        url,
        "web",
        "1.2.3",
        "web",
        "web",
        "v.yaml",
        Optional.empty(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void aMirrorArchiveMustMatchItsChecksum() throws IOException {
    Path mirror = dir.resolve("mirror");
    Files.writeString(mirror.resolve("SHA256SUMS"), Digests.sha256(archive) + "  web-1.2.3.tgz\n");
    assertThat(new ChartMirror(mirror).archive(chart("https://x"))).isEqualTo(archive);

    Files.writeString(mirror.resolve("SHA256SUMS"), "0".repeat(64) + "  web-1.2.3.tgz\n");
    assertThatThrownBy(() -> new ChartMirror(mirror).archive(chart("https://x")))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("refusing to use it");

    Files.writeString(mirror.resolve("SHA256SUMS"), "");
    assertThatThrownBy(() -> new ChartMirror(mirror).archive(chart("https://x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("web-1.2.3.tgz is not listed");
  }

  @Test
  void aChartMissingFromTheMirrorIsNamed() {
    assertThatThrownBy(
            () ->
                new ChartMirror(dir.resolve("mirror"))
                    .archive(
                        new ComponentSpec.Helm(
                            "r",
                            "https://x",
                            "api",
                            "9.9.9",
                            "api",
                            "api",
                            "v.yaml",
                            Optional.empty(),
                            List.of(),
                            List.of(),
                            List.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chart mirror has no api-9.9.9.tgz");
  }

  String index(String digest) {
    return "apiVersion: v1\nentries:\n  web:\n    - version: 1.2.3\n      digest: "
        + digest
        + "\n      urls: [charts/web-1.2.3.tgz]\n";
  }

  @Test
  void aRepositoryChartIsDownloadedOnceAndVerifiedAgainstTheIndex() throws Exception {
    served.put("/repo/index.yaml", index(Digests.sha256(archive)).getBytes(StandardCharsets.UTF_8));
    served.put("/repo/charts/web-1.2.3.tgz", Files.readAllBytes(archive));
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
    ChartRepositories repositories = new ChartRepositories(dir.resolve("cache"));
    assertThatThrownBy(() -> repositories.archive(chart(url)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only https chart repositories");
    Path fetched = repositories.archiveOver(chart(url));
    assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(archive));

    served.put("/repo/index.yaml", index("1".repeat(64)).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> repositories.archiveOver(chart(url)))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("expected " + "1".repeat(64));
  }

  @Test
  void anUnreachableRepositoryNamesTheMirrorOption() {
    assertThatThrownBy(
            () ->
                new ChartRepositories(dir.resolve("cache"))
                    .archiveOver(chart("http://127.0.0.1:9/none")))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("cannot fetch example/web@1.2.3")
        .hasMessageContaining("pass --chart-mirror DIR");
  }

  @Test
  void anArchiveEntryLeavingTheTargetIsRefused() throws IOException {
    Path evil = dir.resolve("evil.tgz");
    try (var out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(evil)))) {
      byte[] body = "x".getBytes(StandardCharsets.UTF_8);
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../escape.txt");
      entry.setSize(body.length);
      out.putArchiveEntry(entry);
      out.write(body);
      out.closeArchiveEntry();
    }
    assertThatThrownBy(() -> ChartArchive.unpack(evil, dir.resolve("unpacked")))
        .hasMessageContaining("would leave the chart directory");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }
}
