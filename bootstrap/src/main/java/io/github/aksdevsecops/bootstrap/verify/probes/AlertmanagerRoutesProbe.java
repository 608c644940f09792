package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import io.github.aksdevsecops.bootstrap.assets.YamlNode;
import io.github.aksdevsecops.bootstrap.verify.FactsReader;
import io.github.aksdevsecops.bootstrap.verify.Probe;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The running Alertmanager has loaded the repository's routing: every receiver the repository's
 * route tree names is in the route tree Alertmanager reports ({@code /api/v2/status}).
 */
public final class AlertmanagerRoutesProbe implements Probe.Check {

  @Override
  public ProbeResult run(ProbeContext ctx) {
    List<String> wanted = ctx.facts().monitoring().receivers();
    if (wanted.isEmpty()) {
      return ProbeResult.fail("the repository declares no Alertmanager routes");
    }
    String original =
        ctx.proxy()
            .json(ctx.facts().monitoring().alertmanager().orElseThrow(), "/api/v2/status")
            .path("config")
            .path("original")
            .asString("");
    Set<String> loaded = new LinkedHashSet<>();
    if (!original.isBlank()) {
      YamlNode config = YamlFiles.parseOne(Path.of("alertmanager /api/v2/status"), original);
      config.optional("route").ifPresent(r -> FactsReader.routeReceivers(r, loaded));
    }
    List<String> missing = new ArrayList<>(wanted);
    missing.removeAll(loaded);
    return ProbeResult.of(
        missing.isEmpty(),
        List.of(
            "routes loaded to receivers " + loaded,
            missing.isEmpty()
                ? "every receiver of the repository's routes is loaded"
                : "NOT loaded: " + missing));
  }
}
