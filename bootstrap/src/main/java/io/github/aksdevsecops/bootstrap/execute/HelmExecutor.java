package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pinned chart as an atomic, waiting upgrade --install. Unchanged when the deployed release has
 * the pinned chart version and the values digest recorded by the last run.
 */
public final class HelmExecutor implements StepExecutor {
  static final Duration TIMEOUT = Duration.ofMinutes(10);
  static final String DIGEST = "valuesDigest";

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    ClusterSession session = ctx.session();
    List<Path> values =
        StepSources.helmValues(
            ctx.root(), step.component(), ctx.environment(), Inputs.Resolver.of(ctx));
    String digest = digest(helm, values);
    Optional<HelmGateway.Release> current =
        ctx.platform().helm().status(session, helm.namespace(), helm.release());
    String wanted = helm.chart() + "-" + helm.version();
    boolean same =
        current.isPresent()
            && "deployed".equalsIgnoreCase(current.get().status())
            && current.get().chart().equals(wanted)
            && ctx.journal()
                .entry(step.id())
                .map(e -> sameDigest(digest, e.recorded().get(DIGEST)))
                .orElse(false);
    Map<String, String> recorded = Map.of(DIGEST, digest);
    if (same) {
      Waiter.await(session.client(), step.component().waits(), Waiter.TIMEOUT);
      return new StepResult.Unchanged(
          "release " + helm.release() + " already at " + wanted, recorded);
    }
    HelmGateway.Release release =
        ctx.platform()
            .helm()
            .upgradeInstall(
                session,
                new HelmGateway.Install(
                    ctx.platform().charts().archive(helm),
                    helm.chart(),
                    helm.version(),
                    helm.release(),
                    helm.namespace(),
                    values,
                    TIMEOUT));
    Waiter.await(session.client(), step.component().waits(), Waiter.TIMEOUT);
    return new StepResult.Applied(
        "release " + release.name() + " revision " + release.revision() + " (" + wanted + ")",
        recorded);
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    String wanted = helm.chart() + "-" + helm.version();
    String digest =
        digest(
            helm,
            StepSources.helmValues(
                ctx.root(), step.component(), ctx.environment(), Inputs.Resolver.of(ctx)));
    Optional<HelmGateway.Release> current =
        ctx.platform().helm().status(ctx.session(), helm.namespace(), helm.release());
    if (current.isEmpty()) {
      return new StepResult.Applied("would install " + helm.chartReference());
    }
    if (!current.get().chart().equals(wanted)) {
      return new StepResult.Applied("would upgrade " + current.get().chart() + " to " + wanted);
    }
    boolean sameValues =
        ctx.journal()
            .entry(step.id())
            .map(e -> sameDigest(digest, e.recorded().get(DIGEST)))
            .orElse(false);
    return sameValues
        ? new StepResult.Unchanged("release at " + wanted + " with the same values")
        : new StepResult.Applied("values differ from the last apply: would upgrade");
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    ctx.platform().helm().uninstall(ctx.session(), helm.namespace(), helm.release());
    return new StepResult.Applied("uninstalled release " + helm.namespace() + "/" + helm.release());
  }

  private static boolean sameDigest(String a, String b) {
    return b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String digest(ComponentSpec.Helm helm, List<Path> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(helm.chartReference().getBytes(StandardCharsets.UTF_8));
      for (Path f : files) {
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
