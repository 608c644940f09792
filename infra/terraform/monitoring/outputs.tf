output "grafana_endpoint" {
  description = "URL of Azure Managed Grafana."
  value       = azurerm_dashboard_grafana.this.endpoint
}

output "monitor_workspace_id" {
  description = "Azure Monitor workspace (managed Prometheus) resource id."
  value       = azurerm_monitor_workspace.this.id
}

output "data_collection_rule_id" {
  description = "Managed Prometheus data collection rule id, associated with the cluster."
  value       = azurerm_monitor_data_collection_rule.prometheus.id
}
