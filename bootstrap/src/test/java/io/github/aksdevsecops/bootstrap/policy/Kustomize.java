package io.github.aksdevsecops.bootstrap.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, under a timeout. */
final class Kustomize {

  static final long TIMEOUT_SECONDS = 60;

  private Kustomize() {}

  static String render(Path dir) {
    ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> stdout = readAsync(process.getInputStream());
      CompletableFuture<String> stderr = readAsync(process.getErrorStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "kubectl kustomize " + dir + " timed out after " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + dir
                + " failed (exit "
                + process.exitValue()
                + "): "
                + stderr.get().strip());
      }
      return stdout.get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kubectl kustomize " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read kubectl output for " + dir, e.getCause());
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
