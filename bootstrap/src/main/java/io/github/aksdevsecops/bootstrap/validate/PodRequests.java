package io.github.aksdevsecops.bootstrap.validate;

import io.fabric8.kubernetes.api.model.Quantity;
import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.render.RenderedObject;
import io.github.aksdevsecops.bootstrap.validate.admission.Workloads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler reserves for the pods of a render, source by source: the number of pods each
 * source runs times the effective request of one of them, as Kubernetes computes it.
 */
final class PodRequests {
  private PodRequests() {}

  /** CPU in cores and memory in bytes. */
  record Resources(BigDecimal cpu, BigDecimal memory) {
    static final Resources NONE = new Resources(BigDecimal.ZERO, BigDecimal.ZERO);

    Resources plus(Resources other) {
      return new Resources(cpu.add(other.cpu), memory.add(other.memory));
    }

    Resources times(int n) {
      BigDecimal factor = BigDecimal.valueOf(n);
      return new Resources(cpu.multiply(factor), memory.multiply(factor));
    }

    Resources max(Resources other) {
      return new Resources(cpu.max(other.cpu), memory.max(other.memory));
    }
  }

  /** One pod source of the render: how many pods it runs and what each one requests. */
  record Demand(RenderedObject from, int pods, Resources perPod) {
    Resources total() {
      return perPod.times(pods);
    }
  }

  /** Every pod source of the render; a DaemonSet runs one pod on each of {@code nodes}. */
  static List<Demand> of(List<RenderedObject> objects, int nodes) {
    Map<String, Integer> autoscalerMinimums = autoscalerMinimums(objects);
    List<Demand> demands = new ArrayList<>();
    for (Workloads.Workload w : Workloads.of(objects)) {
      Map<String, Object> doc = w.from().content();
      String key = key(w.from().object().kind(), w.from().object().namespace(), name(doc));
      int pods = pods(doc, nodes, autoscalerMinimums.getOrDefault(key, 0));
      demands.add(new Demand(w.from(), pods, effective(w.podSpec())));
    }
    return demands;
  }

  /**
   * The number of pods a source keeps running: its replicas (raised to the minimum of a
   * HorizontalPodAutoscaler aimed at it), one per node for a DaemonSet, a Job's parallelism
   * (one-off pods count as if they ran beside everything else: an upper bound), a Prometheus's
   * replicas times its shards.
   */
  static int pods(Map<String, Object> doc, int nodes, int autoscalerMinimum) {
    String kind = String.valueOf(doc.get("kind"));
    Map<String, Object> spec = Plain.map(doc.get("spec"));
    return switch (kind) {
      case "DaemonSet" -> nodes;
      case "Pod" -> 1;
      case "Job" -> count(spec.get("parallelism"), 1);
      case "CronJob" -> count(Plain.dig(spec, List.of("jobTemplate", "spec", "parallelism")), 1);
      case "Prometheus" -> count(spec.get("replicas"), 1) * count(spec.get("shards"), 1);
      default -> Math.max(count(spec.get("replicas"), 1), autoscalerMinimum);
    };
  }

  /**
   * The request of one pod, per resource, as the scheduler sees it: the app containers plus the
   * sidecars (init containers with restartPolicy Always), or the largest init container plus the
   * sidecars started before it, whichever is larger; plus the pod overhead. A container with a
   * limit and no request requests its limit.
   */
  static Resources effective(Map<String, Object> podSpec) {
    Resources sidecars = Resources.NONE;
    Resources initPeak = Resources.NONE;
    for (Object init : Plain.list(podSpec.get("initContainers"))) {
      Map<String, Object> c = Plain.map(init);
      Resources own = request(c);
      if ("Always".equals(c.get("restartPolicy"))) {
        sidecars = sidecars.plus(own);
        initPeak = initPeak.max(sidecars);
      } else {
        initPeak = initPeak.max(sidecars.plus(own));
      }
    }
    Resources running = sidecars;
    for (Object container : Plain.list(podSpec.get("containers"))) {
      running = running.plus(request(Plain.map(container)));
    }
    Map<String, Object> overhead = Plain.map(podSpec.get("overhead"));
    return running
        .max(initPeak)
        .plus(new Resources(quantity(overhead.get("cpu")), quantity(overhead.get("memory"))));
  }

  private static Resources request(Map<String, Object> container) {
    Map<String, Object> resources = Plain.map(container.get("resources"));
    Map<String, Object> requests = Plain.map(resources.get("requests"));
    Map<String, Object> limits = Plain.map(resources.get("limits"));
    return new Resources(
        quantity(requests.getOrDefault("cpu", limits.get("cpu"))),
        quantity(requests.getOrDefault("memory", limits.get("memory"))));
  }

  /** A Kubernetes quantity (100m, 1.5, 512Mi, 1G) in its base unit; absent is zero. */
  static BigDecimal quantity(Object value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    return Quantity.getAmountInBytes(new Quantity(String.valueOf(value)));
  }

  private static Map<String, Integer> autoscalerMinimums(List<RenderedObject> objects) {
    Map<String, Integer> minimums = new HashMap<>();
    for (RenderedObject o : objects) {
      if (o.isKind("HorizontalPodAutoscaler")) {
        Map<String, Object> spec = Plain.map(o.content().get("spec"));
        Map<String, Object> target = Plain.map(spec.get("scaleTargetRef"));
        minimums.merge(
            key(
                String.valueOf(target.get("kind")),
                o.object().namespace(),
                String.valueOf(target.get("name"))),
            count(spec.get("minReplicas"), 1),
            Math::max);
      }
    }
    return minimums;
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "default" : namespace) + "/" + name;
  }

  private static String name(Map<String, Object> doc) {
    return String.valueOf(Plain.map(doc.get("metadata")).get("name"));
  }

  private static int count(Object value, int absent) {
    if (value == null) {
      return absent;
    }
    return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
  }
}
