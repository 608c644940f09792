# terraform test -test-directory=tests (GitHub CI) with the azurerm provider mocked.

mock_provider "azurerm" {
  mock_data "azurerm_resource_group" {
    defaults = {
      id       = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging"
      location = "westeurope"
    }
  }

  mock_resource "azurerm_dashboard_grafana" {
    defaults = {
      endpoint = "https://amg-devsecops-stg-abcd.weu.grafana.azure.com"
    }
  }
}

# The common variables and the aks outputs: aks_outputs.auto.tfvars (linked from ../../shared/tests).
variables {
  grafana_admin_group_object_ids = ["88888888-8888-8888-8888-888888888888"]
}

run "audit_logs_reach_log_analytics_for_ninety_days" {
  command = plan

  assert {
    condition     = azurerm_monitor_diagnostic_setting.aks.target_resource_id == var.cluster_id && azurerm_monitor_diagnostic_setting.aks.log_analytics_workspace_id == var.log_analytics_workspace_id
    error_message = "Cluster control plane logs must go to the platform workspace."
  }

  assert {
    condition     = contains([for l in azurerm_monitor_diagnostic_setting.aks.enabled_log : l.category], "kube-audit-admin")
    error_message = "kube-audit-admin must be collected."
  }

  assert {
    condition     = azurerm_monitor_diagnostic_setting.aks.log_analytics_destination_type == "Dedicated"
    error_message = "Audit logs go to resource-specific tables (AKSAudit*), which Sentinel queries."
  }

  assert {
    condition     = alltrue([for t in azurerm_log_analytics_workspace_table.audit : t.retention_in_days == 90])
    error_message = "Audit tables keep 90 days."
  }

  assert {
    condition     = length(azurerm_log_analytics_workspace_table.audit) == 3
    error_message = "AKSAudit, AKSAuditAdmin and AKSControlPlane all get the audit retention."
  }
}

run "managed_prometheus_and_grafana" {
  command = plan

  assert {
    condition     = azurerm_monitor_data_collection_rule_association.prometheus.target_resource_id == var.cluster_id
    error_message = "The Prometheus data collection rule must be associated with the cluster."
  }

  assert {
    condition     = azurerm_monitor_data_collection_rule_association.prometheus_endpoint.name == "configurationAccessEndpoint"
    error_message = "The metrics agent reads its configuration through the configurationAccessEndpoint association."
  }

  assert {
    condition     = !azurerm_dashboard_grafana.this.api_key_enabled && azurerm_dashboard_grafana.this.name == "amg-devsecops-stg"
    error_message = "Grafana uses Entra ID only and follows the naming convention."
  }

  assert {
    condition     = length(azurerm_role_assignment.grafana_admins) == 1 && length(azurerm_role_assignment.grafana_viewers) == 0
    error_message = "Grafana roles follow the configured groups."
  }
}

run "container_insights_is_wired_to_the_cluster" {
  command = plan

  assert {
    condition     = azurerm_monitor_data_collection_rule_association.container_insights.target_resource_id == var.cluster_id
    error_message = "The Container Insights rule must be associated with the cluster."
  }

  assert {
    condition     = azurerm_monitor_data_collection_rule.container_insights.name == "MSCI-westeurope-aks-devsecops-staging"
    error_message = "The Container Insights rule follows the MSCI-<region>-<cluster> convention."
  }
}

run "outputs_for_the_bootstrap" {
  command = apply

  assert {
    condition     = output.grafana_endpoint == "https://amg-devsecops-stg-abcd.weu.grafana.azure.com"
    error_message = "grafana_endpoint must be the Grafana endpoint."
  }

  assert {
    condition     = output.monitor_workspace_id == azurerm_monitor_workspace.this.id && output.data_collection_rule_id == azurerm_monitor_data_collection_rule.prometheus.id
    error_message = "Monitoring outputs must name the workspace and the rule."
  }
}

run "rejects_short_audit_retention" {
  command = plan

  variables {
    audit_log_retention_days = 30
  }

  expect_failures = [var.audit_log_retention_days]
}

run "rejects_unknown_log_category" {
  command = plan

  variables {
    audit_log_categories = ["kube-audit-everything"]
  }

  expect_failures = [var.audit_log_categories]
}

run "telemetry_stores_have_their_own_containers_and_identities" {
  command = plan

  assert {
    condition     = azurerm_storage_account.telemetry.name == "stdevsecopsstgtelemetry" && !azurerm_storage_account.telemetry.shared_access_key_enabled
    error_message = "The telemetry account follows the naming convention and accepts Entra ID only."
  }

  assert {
    condition     = length(azurerm_storage_container.telemetry) == 5
    error_message = "Loki (3), Tempo and Thanos each get their containers."
  }

  assert {
    condition     = azurerm_federated_identity_credential.workload["loki-monitoring-loki"].subject == "system:serviceaccount:monitoring:loki"
    error_message = "Loki's identity trusts Loki's service account."
  }

  assert {
    condition     = alltrue([for r in azurerm_role_assignment.store_container : r.role_definition_name == "Storage Blob Data Contributor"])
    error_message = "Stores get data access on their containers only."
  }
}

run "rejects_malformed_thanos_service_account" {
  command = plan

  variables {
    thanos_service_accounts = ["thanos"]
  }

  expect_failures = [var.thanos_service_accounts]
}
