# The AKS node subnet (aks stack, same naming convention) reaches the vault through its
# Microsoft.KeyVault service endpoint; the vault firewall admits it by subnet.
data "azurerm_subnet" "nodes" {
  name                 = "snet-${local.base_name}-nodes"
  virtual_network_name = "vnet-${local.base_name}"
  resource_group_name  = var.resource_group_name
}

# Application secrets, read in the cluster through the Secrets Store CSI driver.
resource "azurerm_key_vault" "this" {
  #checkov:skip=CKV_AZURE_189:the firewall denies by default and admits only configured ranges and subnets
  #checkov:skip=CKV2_AZURE_32:private endpoints need a hub network this reference platform does not assume
  name                          = local.names.key_vault
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = var.key_vault_sku
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = var.key_vault_soft_delete_retention_days
  public_network_access_enabled = true

  network_acls {
    bypass                     = "AzureServices"
    default_action             = "Deny"
    ip_rules                   = var.key_vault_allowed_ip_ranges
    virtual_network_subnet_ids = concat([data.azurerm_subnet.nodes.id], var.key_vault_allowed_subnet_ids)
  }

  tags = local.tags
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "to-log-analytics"
  target_resource_id         = azurerm_key_vault.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
