package io.github.aksdevsecops.bootstrap.adapters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes an unpacked chart render offline what an install sends. Helm's template action returns only
 * the release manifest: hooks (split out by their {@code helm.sh/hook} annotation) and the {@code
 * crds/} folders are left out. So, in a private copy of the chart: the hook annotation keys are
 * renamed in every template, which makes hooks ordinary manifests (and are renamed back in the
 * output), and each chart or subchart with a {@code crds/} folder gets one template that emits its
 * files — Helm renders subchart templates only for enabled subcharts, as it installs only their
 * CRDs. Test hooks are dropped: the bootstrap never runs {@code helm test}.
 */
final class RenderableChart {
  static final String HOOK = "helm.sh/hook";
  static final String RENAMED = "bootstrap.aksdevsecops.io/rendered-helm-hook";
  static final String CRD_TEMPLATE = HelmGateway.CRDS_FOLDER_TEMPLATE;
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final Pattern TEST_HOOK =
      Pattern.compile(
          "(?m)^\\s*\"?" + Pattern.quote(HOOK) + "\"?\\s*:\\s*\"?test(-success|-failure)?\"?\\s*$");

  private RenderableChart() {}

  static void prepare(Path chart) throws IOException {
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path parent = file.getParent();
        Path name = file.getFileName();
        boolean values = name != null && name.toString().equals("values.yaml");
        if (parent != null && (values || isUnder(chart, file, "templates"))) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          if (text.contains(HOOK)) {
            Files.writeString(file, text.replace(HOOK, RENAMED), StandardCharsets.UTF_8);
          }
        }
      }
    }
    for (Path dir : chartDirectories(chart)) {
      if (Files.isDirectory(dir.resolve("crds"))) {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(
            dir.resolve("templates").resolve(CRD_TEMPLATE),
            "{{- range $path, $_ := .Files.Glob \"crds/**\" }}\n"
                + "{{- if or (hasSuffix \".yaml\" $path) (hasSuffix \".yml\" $path) }}\n"
                + "---\n# Source: crds/{{ base $path }}\n{{ $.Files.Get $path }}\n"
                + "{{- end }}\n{{- end }}\n",
            StandardCharsets.UTF_8);
      }
    }
  }

  /** A private copy of a values file with hook annotation keys renamed, in {@code dir}. */
  static Path values(Path file, Path dir) throws IOException {
    Path copy = Files.createTempFile(dir, "values-", ".yaml");
    Files.writeString(
        copy,
        Files.readString(file, StandardCharsets.UTF_8).replace(HOOK, RENAMED),
        StandardCharsets.UTF_8);
    return copy;
  }

  /** The rendered text with hook annotations restored and test hooks removed. */
  static String restore(String rendered) {
    List<String> kept = new ArrayList<>();
    for (String doc : DOCUMENT_SEPARATOR.split(rendered.replace(RENAMED, HOOK))) {
      if (doc.isBlank() || TEST_HOOK.matcher(doc).find()) {
        continue;
      }
      kept.add(doc.strip() + "\n");
    }
    return kept.isEmpty() ? "" : "---\n" + String.join("---\n", kept);
  }

  /** The chart and every subchart directory below it (charts/NAME, recursively). */
  private static List<Path> chartDirectories(Path chart) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(chart)) {
      files
          .filter(p -> String.valueOf(p.getFileName()).equals("Chart.yaml"))
          .map(Path::getParent)
          .filter(java.util.Objects::nonNull)
          .sorted()
          .forEach(dirs::add);
    }
    return dirs;
  }

  /** Whether {@code file} lies in a {@code name} folder of the chart or of a subchart. */
  private static boolean isUnder(Path chart, Path file, String name) {
    for (Path part : chart.relativize(file)) {
      if (part.toString().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
