package io.github.aksdevsecops.bootstrap.adapters;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Optional;

/** Opens cluster sessions; tests hand in the CRUD mock's client instead. */
public interface KubeGateway {
  /** Name of the current context of the local kubeconfig, if any. */
  Optional<String> currentContext();

  ClusterSession connect(Optional<Secret> kubeconfig, String context);

  static KubeGateway fabric8() {
    return new KubeGateway() {
      @Override
      public Optional<String> currentContext() {
        Config config = Config.autoConfigure(null);
        return Optional.ofNullable(config.getCurrentContext()).map(c -> c.getName());
      }

      @Override
      public ClusterSession connect(Optional<Secret> kubeconfig, String context) {
        Config config =
            kubeconfig.isPresent()
                ? Config.fromKubeconfig(context, kubeconfig.get().reveal(), null)
                : Config.autoConfigure(context);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new ClusterSession(client, kubeconfig, context);
      }
    };
  }

  /** A gateway bound to one client (the CRUD mock in tests). */
  static KubeGateway of(KubernetesClient client, String context) {
    return new KubeGateway() {
      @Override
      public Optional<String> currentContext() {
        return Optional.of(context);
      }

      @Override
      public ClusterSession connect(Optional<Secret> kubeconfig, String ctx) {
        return new ClusterSession(client, kubeconfig, ctx);
      }
    };
  }
}
