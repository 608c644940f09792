# terraform test -test-directory=tests (GitHub CI) with the azurerm provider mocked.

mock_provider "azurerm" {
  # azurerm_client_config: ../shared/tests/azurerm.tfmock.hcl
  source = "../shared/tests"

  mock_data "azurerm_subnet" {
    defaults = {
      id = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.Network/virtualNetworks/vnet-devsecops-staging/subnets/snet-devsecops-staging-nodes"
    }
  }

  mock_resource "azurerm_user_assigned_identity" {
    defaults = {
      client_id    = "99999999-9999-9999-9999-999999999999"
      principal_id = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
    }
  }

  mock_resource "azurerm_key_vault" {
    defaults = {
      vault_uri = "https://kv-devsecops-stg-app.vault.azure.net/"
    }
  }
}

# The common variables and the aks outputs: aks_outputs.auto.tfvars (linked from ../../shared/tests).
variables {
  key_vault_allowed_ip_ranges = ["203.0.113.0/24"]
}

run "key_vault_is_locked_down" {
  command = plan

  assert {
    condition     = azurerm_key_vault.this.rbac_authorization_enabled && azurerm_key_vault.this.purge_protection_enabled
    error_message = "The application vault must use RBAC authorisation and purge protection."
  }

  assert {
    condition     = azurerm_key_vault.this.soft_delete_retention_days == 90
    error_message = "Soft delete retention defaults to 90 days."
  }

  assert {
    condition     = azurerm_key_vault.this.network_acls[0].default_action == "Deny" && contains(azurerm_key_vault.this.network_acls[0].ip_rules, "203.0.113.0/24")
    error_message = "The vault firewall denies by default and admits only the configured ranges."
  }

  assert {
    condition     = contains(azurerm_key_vault.this.network_acls[0].virtual_network_subnet_ids, "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.Network/virtualNetworks/vnet-devsecops-staging/subnets/snet-devsecops-staging-nodes")
    error_message = "The AKS node subnet must be admitted so the Secrets Store CSI driver can read secrets."
  }

  assert {
    condition     = azurerm_key_vault.this.name == "kv-devsecops-stg-app"
    error_message = "Vault name must follow the naming convention."
  }

  assert {
    condition     = one([for l in azurerm_monitor_diagnostic_setting.key_vault.enabled_log : l.category_group]) == "audit"
    error_message = "Vault audit events must reach Log Analytics."
  }
}

run "each_workload_identity_reads_only_the_secrets_it_mounts" {
  command = plan

  assert {
    condition     = azurerm_federated_identity_credential.workload["grafana"].subject == "system:serviceaccount:monitoring:kube-prometheus-stack-grafana"
    error_message = "Grafana's identity must trust Grafana's service account only."
  }

  assert {
    condition     = alltrue([for f in azurerm_federated_identity_credential.workload : f.issuer == var.oidc_issuer_url])
    error_message = "The federations must trust the cluster's OIDC issuer."
  }

  assert {
    condition     = length(azurerm_role_assignment.workload_secret) == length(azurerm_key_vault_secret.workload)
    error_message = "Every workload secret gets exactly one reader assignment."
  }

  assert {
    condition     = alltrue([for r in azurerm_role_assignment.workload_secret : r.role_definition_name == "Key Vault Secrets User"])
    error_message = "Workload identities may only read secrets."
  }

  assert {
    condition     = !anytrue([for r in azurerm_role_assignment.workload_secret : r.scope == azurerm_key_vault.this.id])
    error_message = "No workload identity may read the whole vault: assignments are per secret."
  }

  assert {
    condition     = !anytrue([for f in azurerm_federated_identity_credential.workload : strcontains(f.subject, "devsecops-app")])
    error_message = "The service reads nothing from Azure and gets no identity."
  }
}

run "defender_and_sentinel" {
  command = plan

  assert {
    condition     = azurerm_security_center_subscription_pricing.containers[0].tier == "Standard" && azurerm_security_center_subscription_pricing.containers[0].resource_type == "Containers"
    error_message = "Defender for Containers must be on the Standard tier."
  }

  assert {
    condition     = length(azurerm_security_center_subscription_pricing.containers[0].extension) == 4
    error_message = "Every Defender for Containers extension the platform relies on must be named."
  }

  assert {
    condition     = azurerm_sentinel_log_analytics_workspace_onboarding.this.workspace_id == var.log_analytics_workspace_id
    error_message = "Sentinel must be enabled on the platform workspace."
  }

  assert {
    condition     = strcontains(azurerm_sentinel_alert_rule_scheduled.pod_exec.query, lower(var.cluster_id))
    error_message = "The exec detection must be scoped to this cluster."
  }
}

run "falco_detections_reach_sentinel" {
  command = plan

  assert {
    condition     = length(azurerm_sentinel_alert_rule_scheduled.falco) == 6
    error_message = "Every CRITICAL Falco rule (six) needs its own scheduled analytics rule."
  }

  assert {
    condition     = alltrue([for r in azurerm_sentinel_alert_rule_scheduled.falco : strcontains(r.query, "ASimAlertEventLogs") && strcontains(r.query, "RuleName == \"")])
    error_message = "Each analytics rule reads Falco's events from ASimAlertEventLogs by the Falco rule's name."
  }

  assert {
    condition     = strcontains(azurerm_sentinel_alert_rule_scheduled.falco["falco-shell-spawned-in-container"].query, "RuleName == \"Shell spawned in container\"") && contains(azurerm_sentinel_alert_rule_scheduled.falco["falco-shell-spawned-in-container"].tactics, "Execution") && contains(azurerm_sentinel_alert_rule_scheduled.falco["falco-shell-spawned-in-container"].techniques, "T1059")
    error_message = "The shell rule's query names that Falco rule and carries its MITRE tactic and technique."
  }

  assert {
    condition     = alltrue([for r in azurerm_sentinel_alert_rule_scheduled.falco : r.severity == "High" && r.enabled && r.incident[0].create_incident_enabled && r.query_frequency == r.query_period])
    error_message = "Falco's CRITICAL detections are High incidents, and each run covers exactly the time since the last."
  }

  assert {
    condition     = azurerm_monitor_data_collection_rule.falco.data_flow[0].output_stream == "Microsoft-ASimAlertEventLogs" && contains(azurerm_monitor_data_collection_rule.falco.data_flow[0].streams, "Custom-FalcoEvents")
    error_message = "Fluent Bit's Falco stream must be transformed into Sentinel's normalized alert table."
  }

  assert {
    condition     = startswith(azurerm_monitor_data_collection_rule.falco.data_flow[0].transform_kql, "source\n") && alltrue([for r in azurerm_sentinel_alert_rule_scheduled.falco : !strcontains(r.query, "//")])
    error_message = "The KQL sent to Azure is the statements only (comments stripped), the transformation starting at its source stream."
  }

  assert {
    condition     = azurerm_monitor_data_collection_rule.falco.destinations[0].log_analytics[0].workspace_resource_id == var.log_analytics_workspace_id
    error_message = "Falco's events land in the platform workspace Sentinel watches."
  }

  assert {
    condition     = length(azurerm_role_assignment.falco_events_publisher) == 0
    error_message = "Without the Logs Ingestion client's object id no publisher is assigned."
  }

  assert {
    condition     = azurerm_sentinel_data_connector_azure_security_center.defender.log_analytics_workspace_id == var.log_analytics_workspace_id && azurerm_sentinel_data_connector_azure_security_center.defender.subscription_id == "44444444-4444-4444-4444-444444444444"
    error_message = "Defender for Cloud's alerts of this subscription must flow into the Sentinel workspace."
  }

  assert {
    condition     = azurerm_sentinel_alert_rule_ms_security_incident.defender.product_filter == "Azure Security Center" && contains(azurerm_sentinel_alert_rule_ms_security_incident.defender.severity_filter, "High")
    error_message = "Defender for Containers' alerts must become incidents."
  }
}

run "falco_publisher_is_the_logs_ingestion_client_only" {
  command = plan

  variables {
    logs_ingestion_principal_object_id = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"
  }

  assert {
    condition     = azurerm_role_assignment.falco_events_publisher[0].role_definition_name == "Monitoring Metrics Publisher" && azurerm_role_assignment.falco_events_publisher[0].principal_id == "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"
    error_message = "The Logs Ingestion client may publish to the Falco rule, nothing more."
  }
}

run "no_secret_value_in_the_state" {
  command = apply

  assert {
    condition     = alltrue([for s in azurerm_key_vault_secret.workload : s.value == null && s.value_wo_version == 1])
    error_message = "Vault secrets are written with the write-only value_wo: no secret value may reach the state."
  }

  assert {
    condition     = contains(keys(azurerm_key_vault_secret.workload), "fluent-bit-falco-dce-url") && contains(keys(azurerm_key_vault_secret.workload), "fluent-bit-falco-dcr-immutable-id")
    error_message = "Fluent Bit reads the Falco endpoint and rule id from its vault secrets."
  }
}

run "defender_plan_can_be_left_to_a_central_team" {
  command = plan

  variables {
    defender_for_containers_enabled = false
  }

  assert {
    condition     = length(azurerm_security_center_subscription_pricing.containers) == 0
    error_message = "Disabling the flag must not manage the subscription plan."
  }
}

run "outputs_for_the_bootstrap" {
  command = apply

  assert {
    condition     = output.grafana_identity_client_id == "99999999-9999-9999-9999-999999999999"
    error_message = "grafana_identity_client_id must be Grafana's identity's client id."
  }

  assert {
    condition     = output.key_vault_name == "kv-devsecops-stg-app" && output.key_vault_uri == "https://kv-devsecops-stg-app.vault.azure.net/"
    error_message = "Vault outputs must be set."
  }

  assert {
    condition     = azurerm_federated_identity_credential.workload["alertmanager"].user_assigned_identity_id == azurerm_user_assigned_identity.workload["alertmanager"].id
    error_message = "A federated credential must belong to its workload's identity (user_assigned_identity_id, the 4.65 name of parent_id)."
  }
}

run "rejects_http_issuer" {
  command = plan

  variables {
    oidc_issuer_url = "http://issuer.example"
  }

  expect_failures = [var.oidc_issuer_url]
}
