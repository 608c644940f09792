# Workload identities of in-cluster workloads, for the two stacks that grant them access: security
# (the readers of the vault secrets) and monitoring (the writers of the telemetry containers). Both
# link this file as workload_identities.tf and set in their own files:
#   local.workload_identities  - the identity keys; one identity id-<name_prefix>-<environment>-<key> each;
#   local.workload_federations - credential key => { identity (a key above), service_account
#                                (namespace/name) it trusts, name of the credential }.
# What an identity may reach stays with the stack that owns the resources (its role assignments).

resource "azurerm_user_assigned_identity" "workload" {
  for_each = local.workload_identities

  name                = "id-${local.base_name}-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = local.tags
}

resource "azurerm_federated_identity_credential" "workload" {
  for_each = local.workload_federations

  name                      = each.value.name
  user_assigned_identity_id = azurerm_user_assigned_identity.workload[each.value.identity].id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.oidc_issuer_url
  # try(): a malformed service account fails on the stack's own validation, not here.
  subject = "system:serviceaccount:${split("/", each.value.service_account)[0]}:${try(split("/", each.value.service_account)[1], "")}"
}
