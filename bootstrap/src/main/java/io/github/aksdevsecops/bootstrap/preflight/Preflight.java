package io.github.aksdevsecops.bootstrap.preflight;

import io.github.aksdevsecops.bootstrap.adapters.ClusterSession;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.model.AzureTarget;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.NodePool;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks made before any change: tools and versions, Azure login and subscription, resource
 * providers, vCPU quota, soft-deleted Key Vault names, kube context and Kubernetes version. Each
 * result is reported; any failure stops the run before it touches anything.
 */
public final class Preflight {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+(\\.\\d+)?)");

  /** One check and its outcome. */
  public record Check(String name, boolean ok, String detail) {}

  private Preflight() {}

  public static List<Check> run(Plan plan, Platform platform) throws InterruptedException {
    Environment env = plan.environment();
    List<Check> checks = new ArrayList<>();
    Set<String> kinds = new TreeSet<>();
    plan.steps().forEach(s -> kinds.add(s.component().spec().kind()));
    Map<String, List<String>> tools = new LinkedHashMap<>();
    if (kinds.contains("terraform")) {
      tools.put("terraform", List.of("terraform", "version"));
    }
    if (kinds.contains("manifests")) {
      tools.put("kubectl", List.of("kubectl", "version", "--client"));
    }
    for (Map.Entry<String, List<String>> tool : tools.entrySet()) {
      checks.add(tool(platform.processes(), tool.getKey(), tool.getValue(), env));
    }
    if (env.azure().isPresent()) {
      checks.addAll(azure(env.azure().get(), platform));
    } else {
      checks.addAll(kube(env, platform));
    }
    return checks;
  }

  private static Check tool(ProcessRunner runner, String name, List<String> argv, Environment env)
      throws InterruptedException {
    if (runner.locate(name).isEmpty()) {
      return new Check("tool " + name, false, "not found on PATH");
    }
    ProcessRunner.Result r;
    try {
      r = runner.run(ProcessRunner.Command.of(argv, null, TOOL_TIMEOUT).capturing());
    } catch (ProcessRunner.ProcessFailedException e) {
      return new Check("tool " + name, false, e.getMessage());
    }
    Matcher m = VERSION.matcher(r.output());
    String found = m.find() ? m.group(1) : "unknown";
    String wanted = env.toolVersions().get(name);
    boolean ok = r.exitCode() == 0 && (wanted == null || found.startsWith(wanted));
    return new Check(
        "tool " + name,
        ok,
        "version " + found + (wanted == null ? "" : " (wanted " + wanted + ".x)"));
  }

  private static List<Check> azure(AzureTarget azure, Platform platform)
      throws InterruptedException {
    List<Check> checks = new ArrayList<>();
    String subscription;
    try {
      subscription = platform.azure().currentSubscription();
    } catch (RuntimeException e) {
      checks.add(new Check("azure login", false, e.getMessage()));
      return checks;
    }
    checks.add(new Check("azure login", true, "logged in"));
    boolean match = azure.subscriptionId().equals(subscription);
    checks.add(
        new Check(
            "subscription",
            match,
            match
                ? subscription
                : "logged in to "
                    + subscription
                    + ", environment wants "
                    + azure.subscriptionId()));
    if (!match) {
      return checks;
    }
    Set<String> registered = platform.azure().registeredProviders();
    List<String> missing =
        azure.resourceProviders().stream().filter(p -> !registered.contains(p)).toList();
    checks.add(
        new Check(
            "resource providers",
            missing.isEmpty(),
            missing.isEmpty()
                ? azure.resourceProviders().size() + " registered"
                : "not registered: " + String.join(", ", missing)));
    Map<String, Integer> needed = new LinkedHashMap<>();
    for (NodePool pool : azure.nodePools()) {
      needed.merge(pool.vmFamily(), pool.maxVcpus(), Integer::sum);
    }
    for (Map.Entry<String, Integer> family : needed.entrySet()) {
      int free = platform.azure().freeVcpus(azure.location(), family.getKey());
      checks.add(
          new Check(
              "vCPU quota " + family.getKey(),
              free >= family.getValue(),
              "needs " + family.getValue() + ", " + free + " free in " + azure.location()));
    }
    List<String> collisions =
        platform.azure().deletedKeyVaults().stream()
            .filter(n -> azure.keyVaults().stream().anyMatch(n::equalsIgnoreCase))
            .toList();
    checks.add(
        new Check(
            "soft-deleted Key Vaults",
            collisions.isEmpty(),
            collisions.isEmpty()
                ? "none of " + azure.keyVaults() + " is soft-deleted"
                : "purge or recover first: " + String.join(", ", collisions)));
    return checks;
  }

  /**
   * The cluster guard on its own: the current kube context must be the environment's and the
   * cluster must answer with its Kubernetes version. verify runs only this part.
   */
  public static List<Check> kube(Environment env, Platform platform) {
    List<Check> checks = new ArrayList<>();
    Optional<String> context = platform.kube().currentContext();
    boolean match = context.map(env.kubeContext()::equals).orElse(false);
    checks.add(
        new Check(
            "kube context",
            match,
            context
                .map(c -> c + (match ? "" : ", environment wants " + env.kubeContext()))
                .orElse("no current context")));
    if (!match) {
      return checks;
    }
    try {
      ClusterSession session = platform.kube().connect(Optional.empty(), context.get());
      var version = session.client().getKubernetesVersion();
      String found = version.getMajor() + "." + version.getMinor().replace("+", "");
      checks.add(
          new Check(
              "kubernetes version",
              found.equals(env.kubernetesVersion()),
              found + " (environment wants " + env.kubernetesVersion() + ")"));
    } catch (RuntimeException e) {
      checks.add(new Check("kubernetes version", false, "cluster unreachable: " + causes(e)));
    }
    return checks;
  }

  /**
   * The messages of an exception and its causes: a client's own message ("An error has occurred")
   * says nothing without the TLS, DNS or connection error under it.
   */
  static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }

  /** Fails the run, before anything changed, naming every failed check. */
  public static void requirePassing(List<Check> checks) {
    List<String> failed =
        checks.stream().filter(c -> !c.ok()).map(c -> c.name() + " (" + c.detail() + ")").toList();
    if (!failed.isEmpty()) {
      throw new UnexpectedStateException(
          "preflight failed: " + String.join(", ", failed) + "; nothing was changed");
    }
  }
}
