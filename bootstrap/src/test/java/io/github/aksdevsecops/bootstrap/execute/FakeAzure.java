package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.AzureGateway;
import io.github.aksdevsecops.bootstrap.adapters.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure as a test wants it: subscription, providers, quota, deleted vaults, a kubeconfig. Public
 * for the preflight tests, which set the same answers.
 */
public final class FakeAzure implements AzureGateway {
  public String subscription = "11111111-2222-3333-4444-555555555555";
  public Set<String> providers = Set.of("Microsoft.ContainerService");
  public Map<String, Integer> freeVcpus = Map.of("standardDSv5Family", 100);
  public List<String> deletedVaults = List.of();
  public final List<String> credentialRequests = new ArrayList<>();
  static final String KUBECONFIG = "apiVersion: v1\nusers:\n- user: {token: SUPER-SECRET-TOKEN}\n";

  @Override
  public String currentSubscription() {
    return subscription;
  }

  @Override
  public Set<String> registeredProviders() {
    return providers;
  }

  @Override
  public int freeVcpus(String location, String vmFamily) {
    return freeVcpus.getOrDefault(vmFamily, 0);
  }

  @Override
  public List<String> deletedKeyVaults() {
    return deletedVaults;
  }

  @Override
  public Secret userKubeconfig(String resourceGroup, String cluster) {
    credentialRequests.add(resourceGroup + "/" + cluster);
    return new Secret(KUBECONFIG);
  }
}
