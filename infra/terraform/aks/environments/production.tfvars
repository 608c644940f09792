environment = "production"
location    = "westeurope"
name_prefix = "devsecops"
tags = {
  cost-center = "platform"
  owner       = "platform-team"
}

kubernetes_version = "1.32"
sku_tier           = "Standard"

system_node_pool = {
  vm_size   = "Standard_D4ds_v5"
  min_count = 3
  max_count = 6
}

app_node_pools = {
  appz2 = { vm_size = "Standard_D8ds_v5", zones = ["2"], min_count = 2, max_count = 10 }
  appz3 = { vm_size = "Standard_D8ds_v5", zones = ["3"], min_count = 2, max_count = 10 }
}

# Production API server is reachable only on the private endpoint.
private_cluster_enabled = true
admin_group_object_ids  = ["00000000-0000-0000-0000-000000000002"]

automatic_upgrade_channel = "patch"
maintenance_window = {
  day_of_week    = "Sunday"
  start_time     = "01:00"
  duration_hours = 6
}

log_retention_days    = 90
acr_allowed_ip_ranges = ["203.0.113.0/24"]
