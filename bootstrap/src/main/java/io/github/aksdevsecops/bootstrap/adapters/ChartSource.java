package io.github.aksdevsecops.bootstrap.adapters;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;

/**
 * Where pinned charts come from: a local mirror of archives (air-gapped installs, tests) or the
 * chart repositories the catalog names. Either way the result is one local archive whose sha256 is
 * one the catalog pins for the chart, which apply installs and render templates: both read the same
 * bytes.
 */
public interface ChartSource {
  /** The archive of the chart at its pinned version. */
  Path archive(ComponentSpec.Helm chart) throws InterruptedException;

  /** What the source is, for messages ("mirror /srv/charts", "chart repositories"). */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** The archive's file name in a mirror and in the download cache. */
  static String fileName(ComponentSpec.Helm chart) {
    return chart.chart() + "-" + chart.version() + ".tgz";
  }

  /**
   * {@code archive} itself, if its sha256 is one the catalog pins for {@code chart}; otherwise
   * invalid input (exit 2) naming the chart and the file, before anything unpacks or installs it.
   */
  static Path requirePinned(ComponentSpec.Helm chart, Path archive) {
    return requirePinned(chart, archive, archive, "");
  }

  /**
   * The same for a download held in {@code archive} until it is checked: the refusal names the file
   * it would have become, {@code shownAs}, and where it came from.
   */
  static Path requirePinned(ComponentSpec.Helm chart, Path archive, Path shownAs, String origin) {
    String actual = Digests.sha256(archive);
    if (!chart.sha256().accepts(actual)) {
      throw new InvalidInputException(
          new Problem(
              shownAs,
              0,
              chart.chartReference()
                  + ": archive "
                  + shownAs
                  + origin
                  + " has sha256 "
                  + actual
                  + ", which bootstrap/catalog.yaml does not pin ("
                  + chart.sha256().describe()
                  + "); refusing to use it"));
    }
    return archive;
  }
}
