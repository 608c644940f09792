resource "azurerm_container_registry" "this" {
  #checkov:skip=CKV_AZURE_139:GitHub-hosted runners push here; acr_allowed_ip_ranges narrows access per environment
  #checkov:skip=CKV_AZURE_164:content trust (Notary v1) is retired by ACR; images are signed with cosign
  #checkov:skip=CKV_AZURE_165:geo-replication is a per-fork cost decision; zone redundancy is on
  #checkov:skip=CKV_AZURE_166:quarantine would block pulls until an external scanner releases each image
  name                          = local.names.acr
  location                      = azurerm_resource_group.this.location
  resource_group_name           = azurerm_resource_group.this.name
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  zone_redundancy_enabled       = true
  public_network_access_enabled = true
  data_endpoint_enabled         = true
  retention_policy_in_days      = 7

  network_rule_set {
    default_action = length(var.acr_allowed_ip_ranges) == 0 ? "Allow" : "Deny"

    dynamic "ip_rule" {
      for_each = var.acr_allowed_ip_ranges
      content {
        action   = "Allow"
        ip_range = ip_rule.value
      }
    }

    # Once the registry denies by default, the cluster's own egress address must stay allowed.
    dynamic "ip_rule" {
      for_each = length(var.acr_allowed_ip_ranges) == 0 ? [] : [1]
      content {
        action   = "Allow"
        ip_range = "${azurerm_public_ip.egress.ip_address}/32"
      }
    }
  }

  tags = local.tags
}

# Nodes pull with the kubelet identity; no registry credentials exist anywhere.
resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                = azurerm_container_registry.this.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.kubelet.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "to-log-analytics"
  target_resource_id         = azurerm_container_registry.this.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category = "ContainerRegistryRepositoryEvents"
  }

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}
