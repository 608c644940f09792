package io.github.aksdevsecops.bootstrap.adapters;

import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import java.nio.file.Path;

/**
 * Where pinned charts come from: a local mirror of archives (air-gapped installs, tests) or the
 * chart repositories the catalog names. Either way the result is one verified local archive, which
 * apply installs and render templates: both read the same bytes.
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
}
