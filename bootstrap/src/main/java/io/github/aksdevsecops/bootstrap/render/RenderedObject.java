package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.assets.KubeObject;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.nio.file.Path;
import java.util.Map;

/**
 * One object of the rendered platform, with the step that sends it and the repository file (and
 * line) a user edits to change it: the manifest it came from, or the chart's values file.
 */
public record RenderedObject(
    RenderedStep step, KubeObject object, Path origin, int originLine, Object plain) {

  /** The object's content as plain values, computed once for every check. */
  public Map<String, Object> content() {
    return Plain.map(plain);
  }

  /** A problem pointed at the file to change, naming the environment and the object. */
  public Problem problem(String environment, String message) {
    return new Problem(
        origin, originLine, "[" + environment + "] " + object.describe() + ": " + message);
  }

  /**
   * The namespace the object lands in: its own, else the Helm release's (the chart leaves it to the
   * release), or the destination of the Argo CD Application that syncs it, else {@code default}. An
   * object read back from a render directory has no step.
   */
  public String namespace() {
    if (object.namespace() != null) {
      return object.namespace();
    }
    if (step == null) {
      return "default";
    }
    if (step.syncedBy().isPresent()) {
      return step.syncedBy().get().destinationNamespace();
    }
    return step.step().component().spec() instanceof ComponentSpec.Helm helm
        ? helm.namespace()
        : "default";
  }

  public boolean isKind(String kind) {
    return object.kind().equals(kind);
  }
}
