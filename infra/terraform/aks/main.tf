# Names follow the convention in conventions.tf (linked from ../shared).
locals {
  # conventions.tf (linked from ../shared) derives base_name, env_short and tags from this.
  stack = "aks"

  names = {
    resource_group      = "rg-${local.base_name}"
    node_resource_group = "rg-${local.base_name}-nodes"
    vnet                = "vnet-${local.base_name}"
    node_subnet         = "snet-${local.base_name}-nodes"
    egress_ip           = "pip-${local.base_name}-egress"
    cluster             = "aks-${local.base_name}"
    cluster_identity    = "id-${local.base_name}-aks"
    kubelet_identity    = "id-${local.base_name}-kubelet"
    workspace           = "law-${local.base_name}"
    kms_key_vault       = "kv-${var.name_prefix}-${local.env_short}-kms"
    kms_key             = "etcd-kms"
    acr                 = "acr${var.name_prefix}${local.env_short}"
  }
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "this" {
  name     = local.names.resource_group
  location = var.location
  tags     = local.tags
}

# The workspace lives here, not in the monitoring stack: Container Insights and the Defender
# profile need it when the cluster is created. security and monitoring receive its id.
resource "azurerm_log_analytics_workspace" "this" {
  name                = local.names.workspace
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = local.tags
}

resource "azurerm_virtual_network" "this" {
  name                = local.names.vnet
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.vnet_address_space]
  tags                = local.tags
}

resource "azurerm_subnet" "nodes" {
  name                 = local.names.node_subnet
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [var.node_subnet_prefix]
  # Lets the application Key Vault (security stack) admit the nodes through its network rules.
  # The registry is reached through the egress address instead (ACR rules take IP ranges).
  service_endpoints = ["Microsoft.KeyVault"]
}

# A fixed, zone-redundant egress address that firewalls (the registry's, partners') can admit.
resource "azurerm_public_ip" "egress" {
  name                = local.names.egress_ip
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = var.availability_zones
  tags                = local.tags
}

# The control plane identity is user-assigned so that it can be granted access to the KMS key
# before the cluster exists (a system-assigned identity would only exist after creation).
resource "azurerm_user_assigned_identity" "cluster" {
  name                = local.names.cluster_identity
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags
}

# The kubelet identity is created here too, not left to AKS: its object id is known before the
# cluster exists (AcrPull can be granted up front), and it is a plain resource that the stack's
# mocked tests can read (a provider-filled kubelet_identity block is empty under mocks).
resource "azurerm_user_assigned_identity" "kubelet" {
  name                = local.names.kubelet_identity
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags
}

# AKS requires the control-plane identity to be allowed to assign a user-assigned kubelet identity.
resource "azurerm_role_assignment" "cluster_assigns_kubelet_identity" {
  scope                = azurerm_user_assigned_identity.kubelet.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "cluster_network" {
  for_each = {
    subnet    = azurerm_subnet.nodes.id
    egress_ip = azurerm_public_ip.egress.id
  }

  scope                = each.value
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
  principal_type       = "ServicePrincipal"
}
