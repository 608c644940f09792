output "identities" {
  description = "The identities by key (id, client_id, principal_id, ...)."
  value       = azurerm_user_assigned_identity.workload
}

output "federated_credentials" {
  description = "The federated credentials by key (subject, issuer, user_assigned_identity_id, ...)."
  value       = azurerm_federated_identity_credential.workload
}
