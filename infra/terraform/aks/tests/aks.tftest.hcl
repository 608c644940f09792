# terraform test -test-directory=tests (GitHub CI): the azurerm provider is mocked, so no Azure
# credentials are needed; plan runs check the configuration, the apply run checks the outputs.

mock_provider "azurerm" {
  # azurerm_client_config: ../shared/tests/azurerm.tfmock.hcl
  source = "../shared/tests"

  mock_resource "azurerm_kubernetes_cluster" {
    defaults = {
      id              = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.ContainerService/managedClusters/aks-devsecops-staging"
      oidc_issuer_url = "https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/55555555-5555-5555-5555-555555555555/"
    }
  }

  mock_resource "azurerm_container_registry" {
    defaults = {
      login_server = "acrdevsecopsstg.azurecr.io"
    }
  }
}

# The kubelet identity is a resource of the stack (not a block the provider fills), so its ids can
# be fixed here and followed through the cluster, the AcrPull assignment and the output.
override_resource {
  target          = azurerm_user_assigned_identity.kubelet
  override_during = plan
  values = {
    id           = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-devsecops-staging-kubelet"
    client_id    = "66666666-6666-6666-6666-666666666666"
    principal_id = "77777777-7777-7777-7777-777777777777"
  }
}

variables {
  environment        = "staging"
  location           = "westeurope"
  name_prefix        = "devsecops"
  kubernetes_version = "1.32"
  system_node_pool = {
    vm_size   = "Standard_D4ds_v5"
    min_count = 3
    max_count = 3
  }
  app_node_pools = {
    appz2 = { vm_size = "Standard_D4ds_v5", zones = ["2"], min_count = 1, max_count = 3 }
    appz3 = { vm_size = "Standard_D4ds_v5", zones = ["3"], min_count = 1, max_count = 3, taints = ["workload=batch:NoSchedule"] }
  }
  private_cluster_enabled         = false
  api_server_authorized_ip_ranges = ["203.0.113.0/24"]
  admin_group_object_ids          = ["88888888-8888-8888-8888-888888888888"]
  maintenance_window = {
    day_of_week    = "Tuesday"
    start_time     = "02:00"
    duration_hours = 4
  }
  log_retention_days = 30
}

run "cluster_identity_and_access" {
  command = plan

  assert {
    condition     = azurerm_kubernetes_cluster.this.oidc_issuer_enabled && azurerm_kubernetes_cluster.this.workload_identity_enabled
    error_message = "OIDC issuer and workload identity must be enabled."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.local_account_disabled
    error_message = "Local accounts must be disabled."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.azure_active_directory_role_based_access_control[0].azure_rbac_enabled
    error_message = "AKS-managed Entra ID must use Azure RBAC."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.identity[0].type == "UserAssigned"
    error_message = "The control plane identity must be user-assigned so it can hold the KMS key role before creation."
  }

  assert {
    condition     = contains(azurerm_kubernetes_cluster.this.api_server_access_profile[0].authorized_ip_ranges, "203.0.113.0/24")
    error_message = "A public API server must be restricted to the authorised ranges."
  }

  assert {
    condition     = !azurerm_kubernetes_cluster.this.private_cluster_enabled
    error_message = "Staging uses a public, IP-restricted API server."
  }
}

run "zones_pools_and_network" {
  command = plan

  assert {
    condition     = length(azurerm_kubernetes_cluster.this.default_node_pool[0].zones) == 3
    error_message = "The system pool must span three availability zones."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.default_node_pool[0].only_critical_addons_enabled
    error_message = "The system pool must carry the CriticalAddonsOnly taint."
  }

  assert {
    condition     = length(azurerm_kubernetes_cluster_node_pool.app) == 2 && azurerm_kubernetes_cluster_node_pool.app["appz2"].mode == "User"
    error_message = "Application pools must be user pools, one per configured entry."
  }

  assert {
    condition     = azurerm_kubernetes_cluster_node_pool.app["appz3"].node_taints == tolist(["workload=batch:NoSchedule"])
    error_message = "Per-pool taints must reach the node pool."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.network_profile[0].network_plugin == "azure" && azurerm_kubernetes_cluster.this.network_profile[0].network_plugin_mode == "overlay"
    error_message = "Networking must be Azure CNI overlay."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.network_profile[0].network_policy == "cilium"
    error_message = "A network policy engine must be enabled."
  }
}

run "encryption_upgrades_and_monitoring" {
  command = plan

  assert {
    condition     = length(azurerm_kubernetes_cluster.this.key_management_service) == 1
    error_message = "etcd must be encrypted with the customer-managed KMS key."
  }

  assert {
    condition     = azurerm_key_vault.kms.purge_protection_enabled && azurerm_key_vault.kms.rbac_authorization_enabled
    error_message = "The KMS vault must use RBAC and purge protection."
  }

  assert {
    condition     = azurerm_key_vault.kms.name == "kv-devsecops-stg-kms" && length(azurerm_key_vault.kms.name) <= 24
    error_message = "The KMS vault name must follow the naming convention and fit 24 characters."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.automatic_upgrade_channel == "patch" && azurerm_kubernetes_cluster.this.maintenance_window_auto_upgrade[0].day_of_week == "Tuesday"
    error_message = "Automatic upgrades must run in the configured maintenance window."
  }

  assert {
    condition     = length(azurerm_kubernetes_cluster.this.microsoft_defender) == 1 && length(azurerm_kubernetes_cluster.this.oms_agent) == 1
    error_message = "Defender profile and Container Insights must be enabled."
  }

  assert {
    condition     = azurerm_log_analytics_workspace.this.retention_in_days == 30
    error_message = "Workspace retention must come from log_retention_days."
  }

  assert {
    condition     = !azurerm_container_registry.this.admin_enabled && azurerm_container_registry.this.name == "acrdevsecopsstg"
    error_message = "The registry must have no admin user and follow the naming convention."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.tags["environment"] == "staging" && azurerm_kubernetes_cluster.this.tags["managed-by"] == "terraform"
    error_message = "Every resource carries the common tags."
  }
}

run "production_api_server_is_private" {
  command = plan

  variables {
    environment             = "production"
    private_cluster_enabled = true
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.private_cluster_enabled && length(azurerm_kubernetes_cluster.this.api_server_access_profile) == 0
    error_message = "A private cluster has no public authorised ranges."
  }

  assert {
    condition     = azurerm_container_registry.this.network_rule_set[0].default_action == "Allow"
    error_message = "Without allowed ranges the registry stays open to authenticated callers."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.name == "aks-devsecops-production"
    error_message = "Cluster name must follow <abbreviation>-<prefix>-<environment>."
  }
}

run "registry_firewall_keeps_the_cluster_egress" {
  command = plan

  variables {
    acr_allowed_ip_ranges = ["198.51.100.0/24"]
  }

  assert {
    condition     = azurerm_container_registry.this.network_rule_set[0].default_action == "Deny"
    error_message = "Allowed ranges switch the registry firewall to deny by default."
  }

  assert {
    condition     = azurerm_public_ip.egress.sku == "Standard" && length(azurerm_public_ip.egress.zones) == 3
    error_message = "The egress address is a zone-redundant Standard IP."
  }
}

run "outputs_for_the_bootstrap" {
  command = apply

  assert {
    condition     = output.kubelet_identity_object_id == "77777777-7777-7777-7777-777777777777"
    error_message = "kubelet_identity_object_id must be the kubelet identity's object id."
  }

  assert {
    condition     = azurerm_role_assignment.kubelet_acr_pull.role_definition_name == "AcrPull" && azurerm_role_assignment.kubelet_acr_pull.principal_id == output.kubelet_identity_object_id
    error_message = "The kubelet identity must hold AcrPull on the registry."
  }

  assert {
    condition     = azurerm_kubernetes_cluster.this.kubelet_identity[0].user_assigned_identity_id == azurerm_user_assigned_identity.kubelet.id && azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id == output.kubelet_identity_object_id
    error_message = "The cluster must run its kubelets as the stack's kubelet identity."
  }

  assert {
    condition     = azurerm_role_assignment.cluster_assigns_kubelet_identity.role_definition_name == "Managed Identity Operator" && azurerm_role_assignment.cluster_assigns_kubelet_identity.scope == azurerm_user_assigned_identity.kubelet.id
    error_message = "The control-plane identity must be allowed to assign the kubelet identity."
  }

  assert {
    condition     = startswith(output.oidc_issuer_url, "https://") && output.cluster_name == "aks-devsecops-staging"
    error_message = "cluster outputs must come from the cluster."
  }

  assert {
    condition     = output.resource_group_name == "rg-devsecops-staging" && output.acr_login_server == "acrdevsecopsstg.azurecr.io"
    error_message = "resource group and registry outputs must be set."
  }
}

run "rejects_unknown_environment" {
  command = plan

  variables {
    environment = "dev"
  }

  expect_failures = [var.environment]
}

run "rejects_fewer_than_three_zones" {
  command = plan

  variables {
    availability_zones = ["1", "2"]
  }

  expect_failures = [var.availability_zones]
}

run "rejects_invalid_pool_name" {
  command = plan

  variables {
    app_node_pools = {
      "App-Pool-Too-Long" = { vm_size = "Standard_D4ds_v5", zones = ["2"], min_count = 1, max_count = 2 }
    }
  }

  expect_failures = [var.app_node_pools]
}
