package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Argo CD syncs from this repository: each source of an Argo CD Application that is a
 * kustomization of the checkout (a {@code path} inside it holding a kustomization.yaml, no {@code
 * chart}). Sources elsewhere (a chart, a path this checkout does not hold) are left out; the
 * references check reports an Application whose path is no kustomization here.
 */
public final class ArgoSyncs {
  private ArgoSyncs() {}

  /**
   * One synced source: the step id it renders as, the Application (namespace/name), the namespace
   * Argo CD puts unqualified objects into, and the kustomization relative to the checkout.
   */
  public record Sync(String id, String application, String destinationNamespace, String path) {}

  /** The synced sources of the Argo CD Applications among {@code objects}, in their order. */
  public static List<Sync> of(Path root, List<Map<String, Object>> objects) {
    Path base = root.toAbsolutePath().normalize();
    List<Sync> result = new ArrayList<>();
    for (Map<String, Object> app : objects) {
      if (!"Application".equals(app.get("kind"))
          || !String.valueOf(app.get("apiVersion")).startsWith("argoproj.io/")) {
        continue;
      }
      Map<String, Object> metadata = Plain.map(app.get("metadata"));
      Map<String, Object> spec = Plain.map(app.get("spec"));
      String name = String.valueOf(metadata.get("name"));
      String application = metadata.getOrDefault("namespace", "argocd") + "/" + name;
      String destination =
          String.valueOf(Plain.map(spec.get("destination")).getOrDefault("namespace", "default"));
      List<Object> sources = new ArrayList<>();
      if (spec.get("source") != null) {
        sources.add(spec.get("source"));
      }
      sources.addAll(Plain.list(spec.get("sources")));
      int index = 0;
      for (Object s : sources) {
        Map<String, Object> source = Plain.map(s);
        Object path = source.get("path");
        if (path == null || source.get("chart") != null) {
          continue;
        }
        Path dir = base.resolve(String.valueOf(path)).normalize();
        if (!dir.startsWith(base) || !Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
          continue;
        }
        String relative = base.relativize(dir).toString().replace('\\', '/');
        String id = "argocd-sync-" + name + (index++ == 0 ? "" : "-" + index);
        result.add(new Sync(id, application, destination, relative));
      }
    }
    return result;
  }
}
