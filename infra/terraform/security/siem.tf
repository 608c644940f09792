# Runtime detections in Microsoft Sentinel. Falco's events travel Fluent Bit -> Logs Ingestion API
# (this data collection endpoint and rule) -> ASimAlertEventLogs, Sentinel's normalized alert table,
# and each CRITICAL Falco rule has a scheduled analytics rule that raises an incident. Defender for
# Containers' alerts arrive through the Defender for Cloud data connector and become incidents by the
# Microsoft security incident rule. The KQL lives in siem/ so scripts/validators/siem.mjs can check
# it against the published table schema (siem/schemas) and the stream Fluent Bit sends.

locals {
  siem         = yamldecode(file("${path.module}/siem/falco-rules.yaml"))
  falco_stream = yamldecode(file("${path.module}/siem/falco-events-stream.yaml"))
  falco_rules  = { for r in local.siem.rules : r.name => r }

  # KQL files carry // comments for readers; the service gets the statements only.
  falco_transform = replace(file("${path.module}/siem/falco-events.kql"), "/(?m)^//.*\n/", "")
}

resource "azurerm_monitor_data_collection_endpoint" "falco" {
  name                = "dce-${local.base_name}-falco"
  location            = var.location
  resource_group_name = var.resource_group_name
  description         = "Logs Ingestion endpoint of Fluent Bit's Falco events"
  tags                = local.tags
}

resource "azurerm_monitor_data_collection_rule" "falco" {
  name                        = "dcr-${local.base_name}-falco"
  location                    = var.location
  resource_group_name         = var.resource_group_name
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.falco.id
  description                 = "Falco events from Fluent Bit, normalized into ASimAlertEventLogs"

  stream_declaration {
    stream_name = local.falco_stream.stream
    dynamic "column" {
      for_each = local.falco_stream.columns
      content {
        name = column.value.name
        type = column.value.type
      }
    }
  }

  destinations {
    log_analytics {
      workspace_resource_id = var.log_analytics_workspace_id
      name                  = "platform-workspace"
    }
  }

  data_flow {
    streams       = [local.falco_stream.stream]
    destinations  = ["platform-workspace"]
    transform_kql = local.falco_transform
    output_stream = "Microsoft-ASimAlertEventLogs"
  }

  tags = local.tags
}

# Fluent Bit's Logs Ingestion client (an Entra application issued outside this platform, see
# workload_secrets.tf) may send to this rule only.
resource "azurerm_role_assignment" "falco_events_publisher" {
  count = var.logs_ingestion_principal_object_id == null ? 0 : 1

  scope                = azurerm_monitor_data_collection_rule.falco.id
  role_definition_name = "Monitoring Metrics Publisher"
  principal_id         = var.logs_ingestion_principal_object_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_sentinel_alert_rule_scheduled" "falco" {
  for_each = local.falco_rules

  name                       = each.key
  log_analytics_workspace_id = azurerm_sentinel_log_analytics_workspace_onboarding.this.workspace_id
  display_name               = "Falco: ${each.value.rule} (${var.environment})"
  description                = "Falco raised its CRITICAL rule \"${each.value.rule}\" on a node of the platform cluster; runbook docs/runbooks/falco-critical.md."
  severity                   = "High"
  enabled                    = true
  query_frequency            = "PT5M"
  query_period               = "PT5M"
  trigger_operator           = "GreaterThan"
  trigger_threshold          = 0
  tactics                    = [each.value.tactic]
  techniques                 = [each.value.technique]
  query                      = replace(templatefile("${path.module}/siem/falco-rule.kql.tftpl", { rule = each.value.rule }), "/(?m)^//.*\n/", "")
  custom_details             = local.siem.details

  dynamic "entity_mapping" {
    for_each = local.siem.entities
    content {
      entity_type = entity_mapping.key
      dynamic "field_mapping" {
        for_each = entity_mapping.value
        content {
          identifier  = field_mapping.key
          column_name = field_mapping.value
        }
      }
    }
  }

  event_grouping {
    aggregation_method = "AlertPerResult"
  }

  incident {
    create_incident_enabled = true
    grouping {
      enabled                = true
      lookback_duration      = "PT1H"
      entity_matching_method = "Selected"
      by_entities            = ["Host"]
      by_alert_details       = ["DisplayName"]
    }
  }
}

# Defender for Containers' alerts (runtime, image, control plane) into Sentinel's SecurityAlert
# table, each one an incident.
resource "azurerm_sentinel_data_connector_azure_security_center" "defender" {
  name                       = "defender-for-cloud"
  log_analytics_workspace_id = azurerm_sentinel_log_analytics_workspace_onboarding.this.workspace_id
  subscription_id            = data.azurerm_client_config.current.subscription_id
}

resource "azurerm_sentinel_alert_rule_ms_security_incident" "defender" {
  name                       = "defender-for-cloud-incidents"
  log_analytics_workspace_id = azurerm_sentinel_log_analytics_workspace_onboarding.this.workspace_id
  display_name               = "Defender for Cloud alerts (${var.environment})"
  description                = "Every Defender for Cloud alert of this subscription (Defender for Containers included) becomes an incident."
  product_filter             = "Azure Security Center"
  severity_filter            = ["High", "Medium"]
  enabled                    = true

  depends_on = [azurerm_sentinel_data_connector_azure_security_center.defender]
}
