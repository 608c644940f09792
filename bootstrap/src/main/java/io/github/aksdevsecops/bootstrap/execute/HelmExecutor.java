package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A pinned chart as an atomic, waiting upgrade --install. Unchanged when the cluster's release is
 * deployed with the pinned chart version and the values it was installed with are the values this
 * apply would pass (the release record in the cluster answers, not this tool's journal). The CRDs
 * the chart brings that did not exist before its first install are recorded as the step's own, so
 * destroy removes them after the release (Helm itself keeps CRDs on uninstall).
 */
public final class HelmExecutor implements StepExecutor {
  static final Duration TIMEOUT = Duration.ofMinutes(10);
  static final Duration CRD_REMOVAL = Duration.ofMinutes(2);
  static final String DIGEST = "valuesDigest";
  static final String CRDS = "crds";

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    ClusterSession session = ctx.session();
    List<Path> values =
        StepSources.helmValues(
            ctx.root(), step.component(), ctx.environment(), Inputs.Resolver.of(ctx));
    String wanted = helm.chart() + "-" + helm.version();
    Optional<HelmGateway.Release> current =
        ctx.platform().helm().status(session, helm.namespace(), helm.release());
    String recovered = "";
    if (current.isPresent() && pending(current.get())) {
      recovered = recover(step, ctx, helm, current.get());
      current = ctx.platform().helm().status(session, helm.namespace(), helm.release());
    }
    boolean same =
        current.isPresent()
            && "deployed".equalsIgnoreCase(current.get().status())
            && current.get().chart().equals(wanted)
            && ReleaseValues.same(
                ReleaseValues.merged(values),
                ReleaseValues.parse(
                    ctx.platform().helm().values(session, helm.namespace(), helm.release())));
    Set<String> owned = new TreeSet<>(recordedCrds(step, ctx));
    if (same) {
      Waiter.await(session.client(), step.component().waits(), Waiter.TIMEOUT);
      return new StepResult.Unchanged(
          "release " + helm.release() + " already at " + wanted + " with the same values",
          recorded(helm, values, owned));
    }
    Set<String> chartCrds = chartCrds(helm, values, ctx);
    for (String crd : chartCrds) {
      var existing =
          session.client().apiextensions().v1().customResourceDefinitions().withName(crd).get();
      if (!owned.contains(crd) && (existing == null || madeByThisRelease(existing, helm))) {
        owned.add(crd);
      }
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
        recovered
            + "release "
            + release.name()
            + " revision "
            + release.revision()
            + " ("
            + wanted
            + ")",
        recorded(helm, values, owned));
  }

  /**
   * A CRD this step's release itself created (a chart template: Helm annotates it with the
   * release), e.g. by an attempt a cut-off run left unfinished: it is the step's as much as one
   * created now.
   */
  private static boolean madeByThisRelease(HasMetadata crd, ComponentSpec.Helm helm) {
    Map<String, String> annotations = crd.getMetadata().getAnnotations();
    return annotations != null
        && helm.release().equals(annotations.get("meta.helm.sh/release-name"))
        && helm.namespace().equals(annotations.get("meta.helm.sh/release-namespace"));
  }

  private static boolean pending(HelmGateway.Release release) {
    return release.status().toLowerCase(Locale.ROOT).startsWith("pending-");
  }

  /**
   * A release left pending-install, -upgrade or -rollback blocks every Helm operation on it. When
   * the journal says this tool's own earlier attempt at the step failed (the run was cut off while
   * Helm worked: the API server went away, the network dropped), the pending revision is its own: a
   * never-finished install is uninstalled, a never-finished upgrade or rollback revision is
   * forgotten so the last good revision is current again, and the step installs as usual. Anyone
   * else's pending release is left alone and the step fails saying what to check.
   */
  private static String recover(
      PlannedStep step, ExecutionContext ctx, ComponentSpec.Helm helm, HelmGateway.Release stuck) {
    boolean oursFailed =
        ctx.journal().entry(step.id()).map(e -> e.status() == Journal.Status.FAILED).orElse(false);
    String where = helm.namespace() + "/" + helm.release();
    if (!oursFailed) {
      throw new StepFailedException(
          "release "
              + where
              + " is "
              + stuck.status()
              + " at revision "
              + stuck.revision()
              + ", and no earlier run of this tool left it so: another Helm operation may be"
              + " running; once none is, roll it back (helm rollback) or uninstall it, then"
              + " apply again");
    }
    if (stuck.status().equalsIgnoreCase("pending-install")) {
      ctx.platform().helm().uninstall(ctx.session(), helm.namespace(), helm.release());
      return "release " + where + " was left pending-install by the cut-off run: uninstalled; ";
    }
    ctx.platform()
        .helm()
        .discardPending(ctx.session(), helm.namespace(), helm.release(), stuck.revision());
    return "revision "
        + stuck.revision()
        + " of "
        + where
        + " was left "
        + stuck.status()
        + " by the cut-off run: discarded; ";
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    String wanted = helm.chart() + "-" + helm.version();
    List<Path> values =
        StepSources.helmValues(
            ctx.root(), step.component(), ctx.environment(), Inputs.Resolver.of(ctx));
    Optional<HelmGateway.Release> current =
        ctx.platform().helm().status(ctx.session(), helm.namespace(), helm.release());
    if (current.isEmpty()) {
      return new StepResult.Applied("would install " + helm.chartReference());
    }
    if (!current.get().chart().equals(wanted)) {
      return new StepResult.Applied("would upgrade " + current.get().chart() + " to " + wanted);
    }
    boolean sameValues =
        ReleaseValues.same(
            ReleaseValues.merged(values),
            ReleaseValues.parse(
                ctx.platform().helm().values(ctx.session(), helm.namespace(), helm.release())));
    return sameValues
        ? new StepResult.Unchanged("release at " + wanted + " with the same values")
        : new StepResult.Applied("values differ from the release's: would upgrade");
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    ComponentSpec.Helm helm = (ComponentSpec.Helm) step.component().spec();
    ctx.platform().helm().uninstall(ctx.session(), helm.namespace(), helm.release());
    Set<String> crds = recordedCrds(step, ctx);
    var definitions = ctx.session().client().apiextensions().v1().customResourceDefinitions();
    for (String crd : crds) {
      definitions.withName(crd).delete();
    }
    for (String crd : crds) {
      definitions
          .withName(crd)
          .waitUntilCondition(d -> d == null, CRD_REMOVAL.toSeconds(), TimeUnit.SECONDS);
    }
    return new StepResult.Applied(
        "uninstalled release "
            + helm.namespace()
            + "/"
            + helm.release()
            + (crds.isEmpty() ? "" : " and removed its " + crds.size() + " CRDs"));
  }

  /** The CRDs an earlier apply recorded as this step's own. */
  private static Set<String> recordedCrds(PlannedStep step, ExecutionContext ctx) {
    return ctx.journal()
        .entry(step.id())
        .map(e -> e.recorded().getOrDefault(CRDS, ""))
        .filter(v -> !v.isBlank())
        .map(v -> (Set<String>) new TreeSet<>(List.of(v.split(","))))
        .orElse(Set.of());
  }

  /** The CRDs the chart installs (its crds/ folders and templates), by name. */
  private static Set<String> chartCrds(
      ComponentSpec.Helm helm, List<Path> values, ExecutionContext ctx)
      throws InterruptedException {
    String yaml =
        ctx.platform()
            .helm()
            .template(
                new HelmGateway.Template(
                    ctx.platform().charts().archive(helm),
                    helm.release(),
                    helm.namespace(),
                    StepSources.kubeVersion(ctx.environment()),
                    values));
    Set<String> names = new TreeSet<>();
    // Charts render duplicate keys now and then; Helm and the API server keep the last one.
    for (Object doc :
        new Load(LoadSettings.builder().setAllowDuplicateKeys(true).build())
            .loadAllFromString(yaml)) {
      if (doc instanceof Map<?, ?> m
          && "CustomResourceDefinition".equals(m.get("kind"))
          && m.get("metadata") instanceof Map<?, ?> meta
          && meta.get("name") != null) {
        names.add(String.valueOf(meta.get("name")));
      }
    }
    return names;
  }

  private static Map<String, String> recorded(
      ComponentSpec.Helm helm, List<Path> values, Set<String> crds) {
    Map<String, String> recorded = new LinkedHashMap<>();
    recorded.put(DIGEST, digest(helm, values));
    if (!crds.isEmpty()) {
      recorded.put(CRDS, String.join(",", crds));
    }
    return recorded;
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
