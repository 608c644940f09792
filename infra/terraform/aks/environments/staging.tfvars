environment = "staging"
location    = "westeurope"
name_prefix = "devsecops"
tags = {
  cost-center = "platform"
  owner       = "platform-team"
}

kubernetes_version = "1.32"
sku_tier           = "Free"

system_node_pool = {
  vm_size   = "Standard_D4ds_v5"
  min_count = 3
  max_count = 3
}

# Seed split: apps in zones 2 and 3, one pool per zone so the autoscaler balances them.
app_node_pools = {
  appz2 = { vm_size = "Standard_D4ds_v5", zones = ["2"], min_count = 1, max_count = 3 }
  appz3 = { vm_size = "Standard_D4ds_v5", zones = ["3"], min_count = 1, max_count = 3 }
}

# Staging keeps a public API server restricted to the operators' and CI egress ranges.
private_cluster_enabled         = false
api_server_authorized_ip_ranges = ["203.0.113.0/24"]
admin_group_object_ids          = ["00000000-0000-0000-0000-000000000001"]

automatic_upgrade_channel = "rapid"
maintenance_window = {
  day_of_week    = "Tuesday"
  start_time     = "02:00"
  duration_hours = 4
}

log_retention_days    = 30
acr_allowed_ip_ranges = []
