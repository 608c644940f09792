package io.github.aksdevsecops.bootstrap.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.aksdevsecops.bootstrap.model.ChartDigests;
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
 * Chart archives come verified against the catalog's sha256 pins: from a mirror, and from a
 * repository served over HTTP on loopback (its index's own digest is not trusted); a planted
 * archive is refused with invalid input naming chart and file. An archive cannot write outside the
 * directory it is unpacked into, nor more bytes than the cap, whatever its entries claim.
 */
public class ChartSourcesTest {
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

  ComponentSpec.Helm chart(String url) {
    return chart(url, new ChartDigests(Optional.of(Digests.sha256(archive)), Optional.empty()));
  }

  static ComponentSpec.Helm chart(String url, ChartDigests sha256) {
    return new ComponentSpec.Helm(
        "example",
        url,
        "web",
        "1.2.3",
        sha256,
        "web",
        "web",
        "v.yaml",
        Optional.empty(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void aMirrorArchiveIsUsedOnlyIfTheCatalogPinsItsSha256() throws IOException {
    Path mirror = dir.resolve("mirror");
    String sha256 = Digests.sha256(archive);
    ChartDigests rebuiltOnly = new ChartDigests(Optional.empty(), Optional.of(sha256));
    assertThat(new ChartMirror(mirror).archive(chart("https://x", rebuiltOnly))).isEqualTo(archive);
    assertThat(new ChartMirror(mirror).archive(chart("https://x"))).isEqualTo(archive);

    // A checksum file inside the mirror is no evidence: the planted archive is refused with it.
    Path planted = plant(archive);
    Files.writeString(mirror.resolve("SHA256SUMS"), Digests.sha256(planted) + "  web-1.2.3.tgz\n");
    assertThatThrownBy(() -> new ChartMirror(mirror).archive(chart("https://x", rebuiltOnly)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems().get(0).file())
                    .isEqualTo(mirror.toAbsolutePath().resolve("web-1.2.3.tgz")))
        .hasMessageContaining("example/web@1.2.3")
        .hasMessageContaining("which bootstrap/catalog.yaml does not pin (rebuilt " + sha256 + ")");
  }

  /** Replaces {@code archive} by a copy with one more template: a cluster-admin binding. */
  public static Path plant(Path archive) throws IOException {
    Path unpacked = Files.createTempDirectory("planted-");
    Path top = ChartArchive.unpack(archive, unpacked);
    Files.writeString(
        top.resolve("templates/planted.yaml"),
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
            + "metadata:\n  name: planted\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
            + "  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: Group\n"
            + "    name: system:serviceaccounts\n    apiGroup: rbac.authorization.k8s.io\n");
    Map<String, byte[]> entries = new java.util.TreeMap<>();
    try (var files = Files.walk(top)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        entries.put(unpacked.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    tgz(archive, entries, null, 0);
    return archive;
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
                            new ChartDigests(Optional.of("a".repeat(64)), Optional.empty()),
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
  void aRepositoryChartIsDownloadedOnceAndVerifiedAgainstTheCatalog() throws Exception {
    String pinned = Digests.sha256(archive);
    served.put("/repo/index.yaml", index(pinned).getBytes(StandardCharsets.UTF_8));
    served.put("/repo/charts/web-1.2.3.tgz", Files.readAllBytes(archive));
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
    ChartRepositories repositories = new ChartRepositories(dir.resolve("cache"));
    assertThatThrownBy(() -> repositories.archive(chart(url)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only https chart repositories");
    Path fetched = repositories.archiveOver(chart(url));
    assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(archive));
  }

  @Test
  void aPlantedRepositoryArchiveIsRefusedEvenWhenItsIndexVouchesForIt() throws Exception {
    ChartDigests pins = new ChartDigests(Optional.of(Digests.sha256(archive)), Optional.empty());
    byte[] planted = Files.readAllBytes(plant(archive));
    served.put("/repo/index.yaml", index(Digests.sha256(archive)).getBytes(StandardCharsets.UTF_8));
    served.put("/repo/charts/web-1.2.3.tgz", planted);
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
    ChartRepositories repositories = new ChartRepositories(dir.resolve("cache"));
    assertThatThrownBy(() -> repositories.archiveOver(chart(url, pins)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems().get(0).file())
                    .isEqualTo(dir.resolve("cache/web-1.2.3.tgz")))
        .hasMessageContaining("example/web@1.2.3: archive " + dir.resolve("cache/web-1.2.3.tgz"))
        .hasMessageContaining("(downloaded from " + url + "/charts/web-1.2.3.tgz)");
    try (var cached = Files.list(dir.resolve("cache"))) {
      assertThat(cached).as("nothing planted stays in the cache").isEmpty();
    }
  }

  @Test
  void aChartWithoutAPublishedPinIsNotFetchedFromItsRepository() {
    ChartDigests rebuiltOnly = new ChartDigests(Optional.empty(), Optional.of("a".repeat(64)));
    assertThatThrownBy(
            () ->
                new ChartRepositories(dir.resolve("cache"))
                    .archiveOver(chart("http://127.0.0.1:9/none", rebuiltOnly)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("example/web@1.2.3: bootstrap/catalog.yaml pins no published sha256");
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
    tgz(evil, Map.of("../escape.txt", "x".getBytes(StandardCharsets.UTF_8)), null, 0);
    assertThatThrownBy(() -> ChartArchive.unpack(evil, dir.resolve("unpacked")))
        .hasMessageContaining("would leave the chart directory");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }

  /**
   * A GNU sparse entry stores one byte but reads back as 128 MiB: the archive below really is such
   * a bomb (read with commons-compress, the entry yields 128 MiB), and unpacking refuses the entry
   * before writing anything.
   */
  @Test
  void aSparseEntryIsRefusedBeforeAnythingIsWritten() throws IOException {
    long real = 128L << 20;
    Path bomb = dir.resolve("sparse.tgz");
    Files.write(bomb, SparseTar.gnuSparse("web/Chart.yaml", "web/templates/big.yaml", real));
    try (var tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            new java.util.zip.GZIPInputStream(Files.newInputStream(bomb)))) {
      tar.getNextEntry();
      var entry = tar.getNextEntry();
      assertThat(entry.isSparse()).isTrue();
      assertThat(tar.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(real);
    }
    assertThatThrownBy(() -> ChartArchive.unpack(bomb, dir.resolve("unpacked")))
        .hasMessageContaining("'web/templates/big.yaml' is not a plain file or directory");
    assertThat(dir.resolve("unpacked/web/templates/big.yaml")).doesNotExist();
  }

  /** The cap counts the bytes written: an entry past it is refused and its partial file removed. */
  @Test
  void anArchiveLargerThanTheCapIsRefusedWithoutLeavingTheFile() throws IOException {
    Path big = dir.resolve("big.tgz");
    byte[] chart = "apiVersion: v2\nname: web\nversion: 1.2.3\n".getBytes(StandardCharsets.UTF_8);
    tgz(big, Map.of("web/Chart.yaml", chart), "web/big.bin", ChartArchive.MAX_BYTES + 1);
    assertThatThrownBy(() -> ChartArchive.unpack(big, dir.resolve("unpacked-big")))
        .hasMessageContaining("larger than " + ChartArchive.MAX_BYTES + " bytes");
    assertThat(dir.resolve("unpacked-big/web/big.bin")).doesNotExist();
  }

  /** Writes {@code file} as a .tgz of {@code entries}, then {@code bigName} of zeros if given. */
  static void tgz(Path file, Map<String, byte[]> entries, String bigName, long bigSize)
      throws IOException {
    try (var out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
      out.setBigNumberMode(
          org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        out.putArchiveEntry(entry);
        out.write(e.getValue());
        out.closeArchiveEntry();
      }
      if (bigName != null) {
        var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(bigName);
        entry.setSize(bigSize);
        out.putArchiveEntry(entry);
        byte[] zeros = new byte[1 << 20];
        for (long left = bigSize; left > 0; left -= zeros.length) {
          out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
        out.closeArchiveEntry();
      }
    }
  }
}
