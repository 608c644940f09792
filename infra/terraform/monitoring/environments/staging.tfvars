# resource_group_name, cluster_id and log_analytics_workspace_id come from the
# aks stack outputs: the bootstrap passes them with -var.
environment = "staging"
location    = "westeurope"
name_prefix = "devsecops"
tags = {
  cost-center = "platform"
  owner       = "platform-team"
}

audit_log_categories            = ["kube-audit-admin", "guard"]
audit_log_retention_days        = 90
grafana_major_version           = "11"
grafana_zone_redundancy_enabled = false
grafana_admin_group_object_ids  = ["00000000-0000-0000-0000-000000000001"]
