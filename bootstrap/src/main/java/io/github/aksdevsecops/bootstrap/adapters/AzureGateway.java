package io.github.aksdevsecops.bootstrap.adapters;

import java.util.List;
import java.util.Set;

/** What the tool asks Azure. A fake stands in for it in tests. */
public interface AzureGateway {
  /** The subscription the current login uses. */
  String currentSubscription() throws InterruptedException;

  Set<String> registeredProviders() throws InterruptedException;

  /** vCPUs still free in a VM family's regional quota. */
  int freeVcpus(String location, String vmFamily) throws InterruptedException;

  /** Names of soft-deleted Key Vaults (they block re-creating a vault of the same name). */
  List<String> deletedKeyVaults() throws InterruptedException;

  /** AKS user credentials: a kubeconfig, held in memory only. */
  Secret userKubeconfig(String resourceGroup, String cluster) throws InterruptedException;
}
