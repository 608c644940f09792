# etcd encryption with a customer-managed key. This vault belongs to the aks stack because the
# cluster needs the key at creation; the application secrets vault is in the security stack.
resource "azurerm_key_vault" "kms" {
  name                       = local.names.kms_key_vault
  location                   = azurerm_resource_group.this.location
  resource_group_name        = azurerm_resource_group.this.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "premium"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
  # KMS in "Public" key-vault network mode needs the vault reachable from the AKS control plane,
  # whose addresses are not published; access is still Entra ID + RBAC only.
  public_network_access_enabled = true

  network_acls {
    bypass         = "AzureServices"
    default_action = "Allow"
  }

  tags = local.tags
}

# The deployer creates and rotates the key.
resource "azurerm_role_assignment" "kms_deployer" {
  scope                = azurerm_key_vault.kms.id
  role_definition_name = "Key Vault Crypto Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

# The control plane wraps and unwraps the data encryption keys.
resource "azurerm_role_assignment" "kms_cluster" {
  scope                = azurerm_key_vault.kms.id
  role_definition_name = "Key Vault Crypto User"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_key_vault_key" "kms" {
  name         = local.names.kms_key
  key_vault_id = azurerm_key_vault.kms.id
  key_type     = "RSA-HSM"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey", "encrypt", "decrypt"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P${var.kms_key_rotation_days + 30}D"
    notify_before_expiry = "P29D"
  }

  depends_on = [azurerm_role_assignment.kms_deployer]
}

resource "azurerm_monitor_diagnostic_setting" "kms" {
  name                       = "to-log-analytics"
  target_resource_id         = azurerm_key_vault.kms.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "audit"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
