# Secrets of the platform's own workloads, read in the cluster through the Secrets Store CSI driver
# (AKS azure-keyvault-secrets-provider add-on) with one workload identity per workload. Each
# identity may read exactly the secrets its workload mounts: one role assignment per secret,
# never a vault-wide role. The service itself (devsecops-app) reads nothing from Azure and gets
# no identity.

locals {
  # Workload => the Kubernetes service account (namespace/name) its identity trusts; the
  # SecretProviderClasses in kubernetes/security/secrets-store name the same identities.
  secret_workloads = {
    grafana      = "monitoring/kube-prometheus-stack-grafana"
    alertmanager = "monitoring/kube-prometheus-stack-alertmanager"
    fluent-bit   = "monitoring/fluent-bit"
  }

  # Read by workload_identities.tf (linked from ../shared): one identity per workload, federated
  # with the workload's service account (credential named after it).
  workload_identities  = toset(keys(local.secret_workloads))
  workload_federations = { for w, sa in local.secret_workloads : w => { identity = w, service_account = sa, name = replace(sa, "/", "-") } }

  # Key Vault secret => the workload that mounts it and the value Terraform creates it with.
  # Terraform writes a value once, as a write-only argument (value_wo): it never enters the plan or
  # the state, so whoever reads the state reads no secret. The Grafana password starts random; the
  # receiver credentials and the Logs Ingestion client are written by the platform team
  # (az keyvault secret set) because they are issued outside this platform. The Falco endpoint and
  # rule id are not secret: they are stored beside the client that uses them.
  vault_secrets = {
    grafana-admin-user                  = { workload = "grafana", value = "admin" }
    grafana-admin-password              = { workload = "grafana", value = uuid() }
    alertmanager-pagerduty-routing-key  = { workload = "alertmanager", value = "unset" }
    alertmanager-opsgenie-api-key       = { workload = "alertmanager", value = "unset" }
    alertmanager-slack-security-webhook = { workload = "alertmanager", value = "unset" }
    fluent-bit-tenant-id                = { workload = "fluent-bit", value = data.azurerm_client_config.current.tenant_id }
    fluent-bit-client-id                = { workload = "fluent-bit", value = "unset" }
    fluent-bit-client-secret            = { workload = "fluent-bit", value = "unset" }
    fluent-bit-dce-url                  = { workload = "fluent-bit", value = "unset" }
    fluent-bit-dcr-immutable-id         = { workload = "fluent-bit", value = "unset" }
    fluent-bit-falco-dce-url            = { workload = "fluent-bit", value = azurerm_monitor_data_collection_endpoint.falco.logs_ingestion_endpoint }
    fluent-bit-falco-dcr-immutable-id   = { workload = "fluent-bit", value = azurerm_monitor_data_collection_rule.falco.immutable_id }
  }
}

# The identity that runs Terraform writes the secrets (RBAC vault: no access policy).
resource "azurerm_role_assignment" "terraform_secrets_officer" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_key_vault_secret" "workload" {
  #checkov:skip=CKV_AZURE_41:credentials issued outside the platform are rotated by their issuer, not on a fixed expiry
  for_each = local.vault_secrets

  name         = each.key
  key_vault_id = azurerm_key_vault.this.id
  content_type = "text/plain"
  tags         = merge(local.tags, { workload = each.value.workload })

  # Write-only (azurerm >= 4.23, Terraform >= 1.11): sent on create and whenever the version
  # changes, never stored. A value the team set later stays until the version is raised (raise it
  # too when the Falco endpoint or rule is replaced: Terraform cannot see a write-only value change).
  value_wo         = each.value.value
  value_wo_version = 1

  depends_on = [azurerm_role_assignment.terraform_secrets_officer]
}

resource "azurerm_role_assignment" "workload_secret" {
  for_each = local.vault_secrets

  scope                = azurerm_key_vault_secret.workload[each.key].resource_versionless_id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.workload[each.value.workload].principal_id
  principal_type       = "ServicePrincipal"
}
