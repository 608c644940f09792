# AKS control plane audit logs → Log Analytics (resource-specific tables) → Sentinel, which the
# security stack enables on the same workspace.
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                           = "aks-audit-to-log-analytics"
  target_resource_id             = var.cluster_id
  log_analytics_workspace_id     = var.log_analytics_workspace_id
  log_analytics_destination_type = "Dedicated"

  dynamic "enabled_log" {
    for_each = var.audit_log_categories
    content {
      category = enabled_log.value
    }
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

# Audit tables keep 90 days interactively whatever the workspace default (30 days in staging).
resource "azurerm_log_analytics_workspace_table" "audit" {
  for_each = toset(local.audit_tables)

  workspace_id            = var.log_analytics_workspace_id
  name                    = each.value
  retention_in_days       = var.audit_log_retention_days
  total_retention_in_days = var.audit_log_retention_days
}
