package io.github.aksdevsecops.bootstrap.verify;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * The probe Pods: compliant with every rule the platform enforces (image by digest from the allowed
 * registry, non-root, no privilege escalation, all capabilities dropped, read-only root, requests
 * and limits, no service account token), so that what a probe sees is the control it attacks and
 * not a side effect of a non-compliant probe.
 */
public final class PodSpecs {
  public static final String CONTAINER = "probe";

  /**
   * An emptyDir mounted here makes the runtime probe's write succeed on a read-only root: Falco's
   * write rules match successful opens only.
   */
  public static final String WRITABLE_ETC_DIRECTORY = "/etc/ssh";

  private PodSpecs() {}

  /** A compliant Pod that sleeps; probes exec commands in it. */
  public static Pod compliant(
      String namespace, String name, String image, Map<String, String> labels) {
    return sleeping(namespace, name, image, labels, List.of("sleep", "3600"));
  }

  /**
   * A compliant Pod with an Istio sidecar (injected by pod label, whatever the namespace says),
   * answering HTTP on 8080 with busybox nc so the mesh has something to protect.
   */
  public static Pod meshed(
      String namespace, String name, String image, Map<String, String> labels) {
    Pod pod =
        sleeping(
            namespace,
            name,
            image,
            labels,
            List.of(
                "sh",
                "-c",
                "while true; do printf 'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection:"
                    + " close\\r\\n\\r\\nok' | nc -l -p 8080; done"));
    pod.getMetadata().getLabels().put("sidecar.istio.io/inject", "true");
    return pod;
  }

  private static Pod sleeping(
      String namespace,
      String name,
      String image,
      Map<String, String> labels,
      List<String> command) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels(labels)
        .addToLabels("app.kubernetes.io/name", name)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withActiveDeadlineSeconds(3600L)
        .withTerminationGracePeriodSeconds(1L)
        .withRestartPolicy("Never")
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withRunAsGroup(65532L)
        .withFsGroup(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand(command)
        .withNewSecurityContext()
        .withPrivileged(false)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .addToRequests("cpu", new Quantity("10m"))
        .addToRequests("memory", new Quantity("16Mi"))
        .addToLimits("cpu", new Quantity("200m"))
        .addToLimits("memory", new Quantity("64Mi"))
        .addToLimits("ephemeral-storage", new Quantity("16Mi"))
        .endResources()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("etc-ssh")
        .withMountPath(WRITABLE_ETC_DIRECTORY)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("8Mi"))
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("etc-ssh")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("1Mi"))
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .build();
  }

  /** A deep copy to mutate into a violation. */
  public static Pod copy(Pod pod) {
    return new PodBuilder(pod).build();
  }
}
