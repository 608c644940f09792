# Object storage of the in-cluster telemetry stores: Loki (chunks, ruler, admin), Tempo (traces)
# and Thanos (Prometheus blocks). One account, one container per use, Entra ID only (no shared key,
# so no key can leak into a values file or a Secret). Each store has its own workload identity,
# trusted for its service accounts only and allowed to write its own containers only.

locals {
  # Store => the containers it writes.
  store_containers = {
    loki   = ["loki-chunks", "loki-ruler", "loki-admin"]
    tempo  = ["tempo-traces"]
    thanos = ["thanos"]
  }

  # Store => the Kubernetes service accounts (namespace/name) of the pods that read or write it.
  store_service_accounts = {
    loki   = ["monitoring/loki"]
    tempo  = ["monitoring/tempo"]
    thanos = var.thanos_service_accounts
  }

  containers = merge([for store, names in local.store_containers : { for n in names : n => store }]...)

  # Read by workload_identities.tf (linked from ../shared): one identity per store, federated with
  # each of the store's service accounts (credential <store>-<namespace>-<name>).
  workload_identities = toset(keys(local.store_containers))
  workload_federations = merge([
    for store, accounts in local.store_service_accounts : {
      for sa in accounts : "${store}-${replace(sa, "/", "-")}" => { identity = store, service_account = sa, name = "${store}-${replace(sa, "/", "-")}" }
    }
  ]...)
}

resource "azurerm_storage_account" "telemetry" {
  #checkov:skip=CKV_AZURE_33:queue service unused; no queue logging to configure
  #checkov:skip=CKV_AZURE_59:public endpoint with Entra-only auth: private endpoints need a hub network this reference platform does not assume
  #checkov:skip=CKV_AZURE_206:zone-redundant (ZRS) in a three-zone region; geo-replication of telemetry is not required
  #checkov:skip=CKV2_AZURE_1:Microsoft-managed keys; telemetry holds no customer data
  #checkov:skip=CKV2_AZURE_33:no private endpoint (see CKV_AZURE_59)
  name                            = local.names.telemetry_storage
  location                        = var.location
  resource_group_name             = var.resource_group_name
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = false
  default_to_oauth_authentication = true
  tags                            = local.tags

  blob_properties {
    delete_retention_policy {
      days = 7
    }
  }
}

resource "azurerm_storage_container" "telemetry" {
  for_each = local.containers

  name                  = each.key
  storage_account_id    = azurerm_storage_account.telemetry.id
  container_access_type = "private"
}

# The store identities and their credentials were declared here as azurerm_*.store before
# workload_identities.tf served both stacks: the same instances under their new name.
moved {
  from = azurerm_user_assigned_identity.store
  to   = azurerm_user_assigned_identity.workload
}

moved {
  from = azurerm_federated_identity_credential.store
  to   = azurerm_federated_identity_credential.workload
}

resource "azurerm_role_assignment" "store_container" {
  for_each = local.containers

  scope                = azurerm_storage_container.telemetry[each.key].id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.workload[each.value].principal_id
  principal_type       = "ServicePrincipal"
}
