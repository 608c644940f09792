output "key_vault_name" {
  description = "Name of the application Key Vault (SecretProviderClass keyvaultName)."
  value       = azurerm_key_vault.this.name
}

output "key_vault_uri" {
  description = "URI of the application Key Vault."
  value       = azurerm_key_vault.this.vault_uri
}

output "csi_identity_client_id" {
  description = "Client id of the Secrets Store CSI workload identity (service account annotation azure.workload.identity/client-id)."
  value       = azurerm_user_assigned_identity.csi.client_id
}
