resource "azurerm_user_assigned_identity" "csi" {
  name                = "id-csi"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_federated_identity_credential" "csi" {
  name                = "csi"
  resource_group_name = "rg"
  parent_id           = azurerm_user_assigned_identity.csi.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://issuer.example"
  subject             = "system:serviceaccount:${"ns"}:sa"
}

resource "azurerm_kubernetes_cluster" "this" {
  name = "aks"
}

output "kubelet_identity_object_id" {
  value = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
}

resource "azurerm_key_vault_secret" "password" {
  name         = "password"
  value        = "kept-in-the-state"
  key_vault_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
}
