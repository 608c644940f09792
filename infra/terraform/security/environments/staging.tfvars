# resource_group_name, cluster_id, oidc_issuer_url and log_analytics_workspace_id come from the
# aks stack outputs: the bootstrap passes them with -var.
environment = "staging"
location    = "westeurope"
name_prefix = "devsecops"
tags = {
  cost-center = "platform"
  owner       = "platform-team"
}

key_vault_sku                        = "standard"
key_vault_soft_delete_retention_days = 7
key_vault_allowed_ip_ranges          = ["203.0.113.0/24"]
# Staging shares the subscription with production, whose stack owns the Defender plan.
defender_for_containers_enabled = false
