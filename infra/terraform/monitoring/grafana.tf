resource "azurerm_dashboard_grafana" "this" {
  name                              = local.names.grafana
  location                          = var.location
  resource_group_name               = var.resource_group_name
  grafana_major_version             = var.grafana_major_version
  sku                               = "Standard"
  api_key_enabled                   = false
  deterministic_outbound_ip_enabled = false
  public_network_access_enabled     = true
  zone_redundancy_enabled           = var.grafana_zone_redundancy_enabled

  identity {
    type = "SystemAssigned"
  }

  azure_monitor_workspace_integrations {
    resource_id = azurerm_monitor_workspace.this.id
  }

  tags = local.tags
}

# Grafana reads Prometheus data from the Azure Monitor workspace ...
resource "azurerm_role_assignment" "grafana_prometheus" {
  scope                = azurerm_monitor_workspace.this.id
  role_definition_name = "Monitoring Data Reader"
  principal_id         = azurerm_dashboard_grafana.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

# ... and logs and metrics of the platform resource group (Log Analytics, Azure Monitor).
resource "azurerm_role_assignment" "grafana_monitoring" {
  scope                = data.azurerm_resource_group.this.id
  role_definition_name = "Monitoring Reader"
  principal_id         = azurerm_dashboard_grafana.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "grafana_admins" {
  for_each = toset(var.grafana_admin_group_object_ids)

  scope                = azurerm_dashboard_grafana.this.id
  role_definition_name = "Grafana Admin"
  principal_id         = each.value
  principal_type       = "Group"
}

resource "azurerm_role_assignment" "grafana_viewers" {
  for_each = toset(var.grafana_viewer_group_object_ids)

  scope                = azurerm_dashboard_grafana.this.id
  role_definition_name = "Grafana Viewer"
  principal_id         = each.value
  principal_type       = "Group"
}
