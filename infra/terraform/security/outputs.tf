output "key_vault_name" {
  description = "Name of the application Key Vault (SecretProviderClass keyvaultName)."
  value       = azurerm_key_vault.this.name
}

output "key_vault_uri" {
  description = "URI of the application Key Vault."
  value       = azurerm_key_vault.this.vault_uri
}

output "tenant_id" {
  description = "Entra ID tenant of the vault (SecretProviderClass tenantId)."
  value       = azurerm_key_vault.this.tenant_id
}

output "grafana_identity_client_id" {
  description = "Client id of Grafana's workload identity (SecretProviderClass grafana-admin clientID)."
  value       = azurerm_user_assigned_identity.workload["grafana"].client_id
}

output "alertmanager_identity_client_id" {
  description = "Client id of Alertmanager's workload identity (SecretProviderClass alertmanager-receivers clientID)."
  value       = azurerm_user_assigned_identity.workload["alertmanager"].client_id
}

output "fluent_bit_identity_client_id" {
  description = "Client id of Fluent Bit's workload identity (SecretProviderClass fluent-bit-azure-logs clientID)."
  value       = azurerm_user_assigned_identity.workload["fluent-bit"].client_id
}
