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

output "telemetry_storage_account_name" {
  description = "Storage account of Loki, Tempo and Thanos (Entra ID access only)."
  value       = azurerm_storage_account.telemetry.name
}

output "loki_identity_client_id" {
  description = "Client id of Loki's workload identity (service account annotation azure.workload.identity/client-id)."
  value       = azurerm_user_assigned_identity.workload["loki"].client_id
}

output "tempo_identity_client_id" {
  description = "Client id of Tempo's workload identity (service account annotation azure.workload.identity/client-id)."
  value       = azurerm_user_assigned_identity.workload["tempo"].client_id
}

output "thanos_identity_client_id" {
  description = "Client id of the Thanos workload identity (objstore.yml user_assigned_id and service account annotation)."
  value       = azurerm_user_assigned_identity.workload["thanos"].client_id
}
