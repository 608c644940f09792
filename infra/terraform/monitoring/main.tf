locals {
  # conventions.tf (linked from ../shared) derives base_name, env_short and tags from this.
  stack = "monitoring"

  names = {
    monitor_workspace = "amw-${local.base_name}"
    grafana           = "amg-${var.name_prefix}-${local.env_short}"
    prometheus_dce    = "dce-${local.base_name}-prometheus"
    prometheus_dcr    = "dcr-${local.base_name}-prometheus"
    # Storage account names: 3-24 lower-case letters and digits, globally unique.
    telemetry_storage = "st${var.name_prefix}${local.env_short}telemetry"
  }

  # Resource-specific tables written by the AKS diagnostic setting (Dedicated destination type).
  audit_tables = ["AKSAudit", "AKSAuditAdmin", "AKSControlPlane"]
}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

# Azure Monitor workspace: managed Prometheus storage, queried by Managed Grafana.
resource "azurerm_monitor_workspace" "this" {
  name                = local.names.monitor_workspace
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = local.tags
}

resource "azurerm_monitor_data_collection_endpoint" "prometheus" {
  name                = local.names.prometheus_dce
  location            = var.location
  resource_group_name = var.resource_group_name
  kind                = "Linux"
  tags                = local.tags
}

# Managed Prometheus scrape pipeline: the cluster's metrics agent forwards to the workspace.
resource "azurerm_monitor_data_collection_rule" "prometheus" {
  name                        = local.names.prometheus_dcr
  location                    = var.location
  resource_group_name         = var.resource_group_name
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.prometheus.id
  kind                        = "Linux"

  destinations {
    monitor_account {
      monitor_account_id = azurerm_monitor_workspace.this.id
      name               = "MonitoringAccount1"
    }
  }

  data_flow {
    streams      = ["Microsoft-PrometheusMetrics"]
    destinations = ["MonitoringAccount1"]
  }

  data_sources {
    prometheus_forwarder {
      streams = ["Microsoft-PrometheusMetrics"]
      name    = "PrometheusDataSource"
    }
  }

  description = "Managed Prometheus metrics of ${basename(var.cluster_id)}"
  tags        = local.tags
}

resource "azurerm_monitor_data_collection_rule_association" "prometheus" {
  name                    = "dcra-${local.base_name}-prometheus"
  target_resource_id      = var.cluster_id
  data_collection_rule_id = azurerm_monitor_data_collection_rule.prometheus.id
}

# The metrics agent reads its configuration through this endpoint (the name is fixed by Azure).
resource "azurerm_monitor_data_collection_rule_association" "prometheus_endpoint" {
  name                        = "configurationAccessEndpoint"
  target_resource_id          = var.cluster_id
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.prometheus.id
}
