package io.github.aksdevsecops.bootstrap.adapters;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The chart repositories the catalog names, as {@code helm pull} uses them: the repository's {@code
 * index.yaml} gives the archive's URL; the archive is downloaded into a cache directory and used
 * only if its sha256 is the one the catalog pins as {@code published} (checked again when a cached
 * copy is reused). The index's own digest is not trusted: it comes from the same place as the
 * archive. https only, every request with a timeout.
 */
public final class ChartRepositories implements ChartSource {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final Path cache;
  private final HttpClient http;

  public ChartRepositories(Path cache) {
    this.cache = cache;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public Path archive(ComponentSpec.Helm chart) throws InterruptedException {
    if (!chart.repositoryUrl().startsWith("https://")) {
      throw new InvalidInputException(
          new Problem(
              Path.of(chart.repositoryUrl()),
              0,
              chart.chartReference()
                  + ": only https chart repositories can be fetched;"
                  + " use --chart-mirror DIR for this chart"));
    }
    return archiveOver(chart);
  }

  /** {@link #archive} without the https requirement: tests serve a repository on loopback. */
  @SuppressFBWarnings(
      value = "PATH_TRAVERSAL_IN",
      justification =
          "the file name is the catalog's chart name and version, which the catalog reader limits"
              + " to a name pattern without separators, inside the cache directory")
  Path archiveOver(ComponentSpec.Helm chart) throws InterruptedException {
    if (chart.sha256().published().isEmpty()) {
      throw new InvalidInputException(
          new Problem(
              Path.of(chart.repositoryUrl()),
              0,
              chart.chartReference()
                  + ": bootstrap/catalog.yaml pins no published sha256 for this chart, so its"
                  + " repository's archive cannot be checked; add sha256.published (the digest of"
                  + " the version's index.yaml entry, after checking the archive) or use"
                  + " --chart-mirror DIR with an archive the catalog pins"));
    }
    Path file = cache.resolve(ChartSource.fileName(chart));
    if (Files.isRegularFile(file)) {
      return ChartSource.requirePinned(chart, file);
    }
    Entry entry = entry(chart);
    try {
      Files.createDirectories(cache);
      Path part = Files.createTempFile(cache, ChartSource.fileName(chart), ".part");
      HttpResponse<Path> response =
          send(entry.url(), HttpResponse.BodyHandlers.ofFile(part), chart);
      if (response.statusCode() != 200) {
        Files.deleteIfExists(part);
        throw unreachable(chart, entry.url() + " answered " + response.statusCode());
      }
      try {
        ChartSource.requirePinned(chart, part, file, " (downloaded from " + entry.url() + ")");
      } catch (InvalidInputException refused) {
        Files.deleteIfExists(part);
        throw refused;
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart cache " + cache, e);
    }
  }

  @Override
  public String describe() {
    return "chart repositories (cache " + cache + ")";
  }

  record Entry(URI url) {}

  /** The archive URL of the pinned version, from the repository's index. */
  private Entry entry(ComponentSpec.Helm chart) throws InterruptedException {
    URI base =
        URI.create(
            chart.repositoryUrl().endsWith("/")
                ? chart.repositoryUrl()
                : chart.repositoryUrl() + "/");
    URI indexUrl = base.resolve("index.yaml");
    HttpResponse<String> response = send(indexUrl, HttpResponse.BodyHandlers.ofString(), chart);
    if (response.statusCode() != 200) {
      throw unreachable(chart, indexUrl + " answered " + response.statusCode());
    }
    Object index =
        new Load(LoadSettings.builder().setCodePointLimit(256 * 1024 * 1024).build())
            .loadFromString(response.body());
    for (Object version : versions(index, chart.chart())) {
      if (version instanceof Map<?, ?> v
          && chart.version().equals(String.valueOf(v.get("version")))) {
        if (v.get("urls") instanceof List<?> list && !list.isEmpty()) {
          return new Entry(base.resolve(String.valueOf(list.get(0))));
        }
      }
    }
    throw new UnexpectedStateException(
        indexUrl + " has no " + chart.chart() + " " + chart.version() + " with a URL");
  }

  private static List<?> versions(Object index, String chart) {
    if (index instanceof Map<?, ?> root
        && root.get("entries") instanceof Map<?, ?> entries
        && entries.get(chart) instanceof List<?> list) {
      return list;
    }
    return List.of();
  }

  private <T> HttpResponse<T> send(
      URI url, HttpResponse.BodyHandler<T> body, ComponentSpec.Helm chart)
      throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(), body);
    } catch (IOException e) {
      throw unreachable(chart, url + ": " + e.getMessage());
    }
  }

  private static UnexpectedStateException unreachable(ComponentSpec.Helm chart, String why) {
    return new UnexpectedStateException(
        "cannot fetch "
            + chart.chartReference()
            + " ("
            + why
            + "); without network access pass --chart-mirror DIR (or BOOTSTRAP_CHART_MIRROR)");
  }
}
