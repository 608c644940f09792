# Naming: <abbreviation>-<name_prefix>-<environment>, with a short environment code where Azure
# limits the length (Key Vault: 24 characters) and no separators where Azure forbids them (ACR).
locals {
  env_short = { staging = "stg", production = "prd" }[var.environment]
  base_name = "${var.name_prefix}-${var.environment}"

  names = {
    resource_group      = "rg-${local.base_name}"
    node_resource_group = "rg-${local.base_name}-nodes"
    vnet                = "vnet-${local.base_name}"
    node_subnet         = "snet-${local.base_name}-nodes"
    cluster             = "aks-${local.base_name}"
    cluster_identity    = "id-${local.base_name}-aks"
    workspace           = "law-${local.base_name}"
    kms_key_vault       = "kv-${var.name_prefix}-${local.env_short}-kms"
    kms_key             = "etcd-kms"
    acr                 = "acr${var.name_prefix}${local.env_short}"
  }

  tags = merge(var.tags, {
    environment = var.environment
    stack       = "aks"
    managed-by  = "terraform"
    part-of     = "devsecops-platform"
  })
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
  service_endpoints = ["Microsoft.KeyVault", "Microsoft.ContainerRegistry"]
}

# The control plane identity is user-assigned so that it can be granted access to the KMS key
# before the cluster exists (a system-assigned identity would only exist after creation).
resource "azurerm_user_assigned_identity" "cluster" {
  name                = local.names.cluster_identity
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "cluster_network" {
  scope                = azurerm_subnet.nodes.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
  principal_type       = "ServicePrincipal"
}
