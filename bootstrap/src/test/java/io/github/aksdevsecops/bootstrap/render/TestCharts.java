package io.github.aksdevsecops.bootstrap.render;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small chart written here and packaged with helm-java into a mirror directory: a Deployment
 * whose resources come from values, a pre-install hook Job, a test hook, a CRD in crds/, and a
 * subchart (disabled unless {@code extra.enabled}) with a CRD of its own.
 */
public final class TestCharts {
  private TestCharts() {}

  /** Packages chart {@code name} at {@code version} into {@code mirror}; returns the archive. */
  public static Path packageInto(Path mirror, String name, String version) throws IOException {
    Path src = Files.createTempDirectory("chart-src-").resolve(name);
    write(
        src.resolve("Chart.yaml"),
        "apiVersion: v2\nname: "
            + name
            + "\nversion: "
            + version
            + "\ndependencies:\n  - name: extra\n    version: 0.1.0\n    condition: extra.enabled\n");
    write(src.resolve("values.yaml"), "resources: {}\nextra:\n  enabled: false\n");
    write(
        src.resolve("templates/deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
            + "  labels:\n    app.kubernetes.io/name: {{ .Chart.Name }}\nspec:\n"
            + "  selector:\n    matchLabels:\n      app.kubernetes.io/name: {{ .Chart.Name }}\n"
            + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: {{ .Chart.Name }}\n"
            + "    spec:\n      containers:\n        - name: web\n          image: registry.example.org/web:1\n"
            + "          resources:\n{{ toYaml .Values.resources | indent 12 }}\n");
    write(
        src.resolve("templates/migrate.yaml"),
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-migrate\n"
            + "  annotations:\n    \"helm.sh/hook\": pre-install,pre-upgrade\n"
            + "    \"helm.sh/hook-delete-policy\": hook-succeeded\nspec:\n  template:\n    spec:\n"
            + "      restartPolicy: Never\n      containers:\n        - name: migrate\n"
            + "          image: registry.example.org/migrate:1\n");
    write(
        src.resolve("templates/tests/ping.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-ping\n"
            + "  annotations:\n    \"helm.sh/hook\": test\nspec:\n  containers:\n"
            + "    - name: ping\n      image: busybox\n");
    write(src.resolve("crds/widgets.yaml"), crd("widgets", "Widget"));
    Path extra = src.resolve("charts/extra");
    write(extra.resolve("Chart.yaml"), "apiVersion: v2\nname: extra\nversion: 0.1.0\n");
    write(extra.resolve("crds/gadgets.yaml"), crd("gadgets", "Gadget"));
    Files.createDirectories(mirror);
    new Helm(src).packageIt().withDestination(mirror).call();
    return mirror.resolve(name + "-" + version + ".tgz");
  }

  static String crd(String plural, String kind) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
        + "  name: "
        + plural
        + ".example.com\nspec:\n  group: example.com\n  scope: Namespaced\n"
        + "  names: {plural: "
        + plural
        + ", singular: "
        + kind.toLowerCase(java.util.Locale.ROOT)
        + ", kind: "
        + kind
        + ", listKind: "
        + kind
        + "List}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n"
        + "      schema:\n        openAPIV3Schema:\n          type: object\n"
        + "          properties:\n            spec:\n              type: object\n"
        + "              properties:\n                teeth: {type: integer}\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
