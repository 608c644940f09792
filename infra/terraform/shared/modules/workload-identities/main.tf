# Workload identities of in-cluster workloads: one user-assigned identity per key, each federated
# with the Kubernetes service accounts that may use it (Entra workload identity). What an identity
# may reach is granted by the calling stack, which owns the resources (role assignments there).
# Called by security (readers of the vault secrets) and monitoring (writers of the telemetry
# containers) as ../shared/modules/workload-identities.

terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # user_assigned_identity_id on the federated credential needs 4.65 (shared/versions.tf).
      version = ">= 4.65"
    }
  }
}

resource "azurerm_user_assigned_identity" "workload" {
  for_each = var.identities

  name                = "id-${var.base_name}-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "workload" {
  for_each = var.federations

  name                      = each.value.name
  user_assigned_identity_id = azurerm_user_assigned_identity.workload[each.value.identity].id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.oidc_issuer_url
  # try(): a malformed service account fails on the caller's validation, not here.
  subject = "system:serviceaccount:${split("/", each.value.service_account)[0]}:${try(split("/", each.value.service_account)[1], "")}"
}
