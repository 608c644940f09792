package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.model.Capacity;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.Problem;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * In an environment whose file declares a {@code capacity}, the requests of every pod the platform
 * runs fit in it: otherwise the scheduler leaves pods Pending and the platform never becomes Ready.
 * The problem names the environment file and the largest consumers with the files that size them.
 */
final class CapacityCheck implements PlatformCheck {
  static final int LARGEST = 5;
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  @Override
  public List<Problem> check(Snapshot repository, RenderedEnvironment env) {
    if (env.environment().capacity().isEmpty()) {
      return List.of();
    }
    Capacity capacity = env.environment().capacity().get();
    List<PodRequests.Demand> demands = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try {
      demands.addAll(PodRequests.of(env.objects(), capacity.nodes()));
    } catch (IllegalArgumentException e) {
      return List.of(
          Problem.at(
              capacity.source(),
              "[" + env.name() + "] a pod's requests cannot be summed: " + e.getMessage()));
    }
    PodRequests.Resources total =
        demands.stream()
            .map(PodRequests.Demand::total)
            .reduce(PodRequests.Resources.NONE, PodRequests.Resources::plus);
    if (total.cpu().compareTo(capacity.cpu()) <= 0
        && total.memory().compareTo(capacity.memory()) <= 0) {
      return problems;
    }
    demands.sort(Comparator.comparing((PodRequests.Demand d) -> share(d, capacity)).reversed());
    List<String> largest = new ArrayList<>();
    for (PodRequests.Demand d : demands.subList(0, Math.min(LARGEST, demands.size()))) {
      largest.add(describe(repository.root(), env, d));
    }
    problems.add(
        Problem.at(
            capacity.source(),
            "["
                + env.name()
                + "] the platform's pods request "
                + cpu(total.cpu())
                + " CPU and "
                + gib(total.memory())
                + ", more than the capacity declared here ("
                + capacity.cpuText()
                + " CPU, "
                + capacity.memoryText()
                + " on "
                + capacity.nodes()
                + (capacity.nodes() == 1 ? " node" : " nodes")
                + "), so pods would stay Pending; largest: "
                + String.join("; ", largest)));
    return problems;
  }

  /** The larger of a source's CPU and memory as a fraction of the capacity. */
  private static BigDecimal share(PodRequests.Demand d, Capacity capacity) {
    MathContext mc = MathContext.DECIMAL64;
    return d.total()
        .cpu()
        .divide(capacity.cpu(), mc)
        .max(d.total().memory().divide(capacity.memory(), mc));
  }

  /** A consumer with the files that size it: the values file and, laid over it, the env's own. */
  private static String describe(Path root, RenderedEnvironment env, PodRequests.Demand d) {
    RenderedObject o = d.from();
    Path origin =
        o.origin().isAbsolute() && o.origin().startsWith(root)
            ? root.relativize(o.origin())
            : o.origin();
    String layered =
        o.step().step().component().spec() instanceof ComponentSpec.Helm helm
            ? helm.environmentValues(env.environment()).stream()
                .map(v -> " with " + v)
                .reduce("", String::concat)
            : "";
    return o.object().describe()
        + " "
        + d.pods()
        + " x ("
        + cpu(d.perPod().cpu())
        + " CPU, "
        + gib(d.perPod().memory())
        + ") from "
        + origin
        + (o.originLine() > 0 ? ":" + o.originLine() : "")
        + layered;
  }

  static String cpu(BigDecimal cores) {
    return cores.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  static String gib(BigDecimal bytes) {
    return bytes.divide(GIB, 2, RoundingMode.HALF_UP).toPlainString() + " GiB";
  }
}
