package io.github.aksdevsecops.bootstrap.render;

import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.InvalidInputException;
import io.github.aksdevsecops.bootstrap.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The whole platform of one environment, step by step in plan order. */
public record PlatformRender(Environment environment, List<RenderedStep> steps) {
  private static final Pattern RENDER_FILE = Pattern.compile("\\d{2}-[a-z0-9-]+\\.yaml");

  public PlatformRender {
    steps = List.copyOf(steps);
  }

  /** The file a step is written to: its position in the plan and its id. */
  public String fileName(RenderedStep step) {
    return String.format("%02d-%s.yaml", steps.indexOf(step) + 1, step.step().id());
  }

  /** The file's text: a header naming the step and its sources, then the objects. */
  public String text(RenderedStep step) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ")
        .append(step.step().id())
        .append(" (")
        .append(step.step().component().spec().kind())
        .append(") for environment ")
        .append(environment.name())
        .append('\n');
    step.syncedBy()
        .ifPresent(
            sync ->
                sb.append("# synced by Argo CD (Application ")
                    .append(sync.application())
                    .append(", into namespace ")
                    .append(sync.destinationNamespace())
                    .append("): bootstrap apply does not send it, destroy does not remove it\n"));
    step.sources().forEach(s -> sb.append("# from ").append(s).append('\n'));
    if (step.step().component().spec()
        instanceof io.github.aksdevsecops.bootstrap.model.ComponentSpec.Secrets generated) {
      // The values are random or the repository's files: never written into a render.
      for (var secret : generated.secrets()) {
        sb.append("# writes Secret ")
            .append(secret.namespace())
            .append('/')
            .append(secret.name())
            .append(" (keys ")
            .append(String.join(", ", secret.keys().keySet()))
            .append("; values are not rendered)\n");
      }
    } else if (step.yaml().isBlank()) {
      sb.append("# no Kubernetes objects: this step changes Azure or local state only\n");
    }
    return sb.append(step.yaml()).toString();
  }

  /**
   * Refuses, before anything is rendered or removed, an output directory that holds anything but an
   * earlier render (files named NN-step.yaml): {@link #write} replaces such files only.
   */
  public static void checkOutput(Path out) {
    if (!Files.isDirectory(out)) {
      if (Files.exists(out)) {
        throw new InvalidInputException(new Problem(out, 0, "is not a directory"));
      }
      return;
    }
    try (Stream<Path> old = Files.list(out)) {
      for (Path f : old.toList()) {
        String name = String.valueOf(f.getFileName());
        if (!Files.isRegularFile(f) || !RENDER_FILE.matcher(name).matches()) {
          throw new InvalidInputException(
              new Problem(
                  out,
                  0,
                  "holds " + name + ", which is not a render file: choose an empty directory"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + out, e);
    }
  }

  /**
   * Writes one file per step into {@code out} (checked by {@link #checkOutput}); files of steps
   * that no longer exist are removed.
   */
  public void write(Path out) {
    checkOutput(out);
    try {
      Files.createDirectories(out);
      try (Stream<Path> old = Files.list(out)) {
        for (Path f : old.toList()) {
          Files.delete(f);
        }
      }
      for (RenderedStep step : steps) {
        Files.writeString(out.resolve(fileName(step)), text(step), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the render to " + out, e);
    }
  }
}
