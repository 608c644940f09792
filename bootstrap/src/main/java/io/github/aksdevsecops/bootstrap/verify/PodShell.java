package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command in a container of a probe Pod through the API server's exec endpoint (fabric8's
 * exec API): the Pod is the vantage point of the attack, the bootstrap only reads what it printed.
 */
public record PodShell(KubernetesClient client, String namespace, String pod, String container) {
  /** Exit code -1 means the command did not finish within its timeout. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public Result exec(Duration timeout, List<String> command) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ExecWatch watch =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .writingOutput(out)
            .writingError(err)
            .exec(command.toArray(String[]::new))) {
      Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Result(code == null ? -1 : code, text(out), text(err));
    } catch (TimeoutException e) {
      return new Result(-1, text(out), "no exit within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new Result(-1, text(out), "exec failed: " + e.getCause().getMessage());
    }
  }

  private static String text(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toString(StandardCharsets.UTF_8);
    }
  }
}
