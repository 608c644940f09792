# Consumed by the bootstrap and passed to the security and monitoring stacks as -var.

output "resource_group_name" {
  description = "Resource group holding the cluster, registry, workspace and KMS vault."
  value       = azurerm_resource_group.this.name
}

output "location" {
  description = "Azure region of the platform."
  value       = azurerm_resource_group.this.location
}

output "cluster_name" {
  description = "AKS cluster name."
  value       = azurerm_kubernetes_cluster.this.name
}

output "cluster_id" {
  description = "AKS cluster resource id."
  value       = azurerm_kubernetes_cluster.this.id
}

output "oidc_issuer_url" {
  description = "OIDC issuer URL for workload identity federation."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "kubelet_identity_object_id" {
  description = "Object id of the kubelet identity (holds AcrPull on the registry)."
  value       = azurerm_user_assigned_identity.kubelet.principal_id
}

output "acr_login_server" {
  description = "Registry login server, e.g. <name>.azurecr.io."
  value       = azurerm_container_registry.this.login_server
}

output "acr_id" {
  description = "Registry resource id."
  value       = azurerm_container_registry.this.id
}

output "log_analytics_workspace_id" {
  description = "Log Analytics workspace resource id (Container Insights, Defender, audit logs, Sentinel)."
  value       = azurerm_log_analytics_workspace.this.id
}

output "node_resource_group" {
  description = "Resource group AKS manages for the nodes."
  value       = azurerm_kubernetes_cluster.this.node_resource_group
}
