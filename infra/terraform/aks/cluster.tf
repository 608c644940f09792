resource "azurerm_kubernetes_cluster" "this" {
  #checkov:skip=CKV_AZURE_115:private per environment (production); staging restricts a public API server to authorised ranges, both asserted by terraform test
  #checkov:skip=CKV_AZURE_6:authorised ranges are set through a dynamic block only for a public API server (see CKV_AZURE_115)
  #checkov:skip=CKV_AZURE_117:etcd uses the KMS key and OS disks are ephemeral; a disk encryption set would add a second key hierarchy
  #checkov:skip=CKV_AZURE_227:host encryption needs the EncryptionAtHost feature registered on the subscription
  name                = local.names.cluster
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  node_resource_group = local.names.node_resource_group
  dns_prefix          = local.names.cluster
  kubernetes_version  = var.kubernetes_version
  sku_tier            = var.sku_tier

  automatic_upgrade_channel = var.automatic_upgrade_channel
  node_os_upgrade_channel   = "NodeImage"

  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  # AKS-managed Entra ID with Azure RBAC; no static kubeconfig credentials.
  role_based_access_control_enabled = true
  local_account_disabled            = true

  azure_active_directory_role_based_access_control {
    tenant_id              = data.azurerm_client_config.current.tenant_id
    azure_rbac_enabled     = true
    admin_group_object_ids = var.admin_group_object_ids
  }

  private_cluster_enabled = var.private_cluster_enabled

  dynamic "api_server_access_profile" {
    for_each = var.private_cluster_enabled ? [] : [1]
    content {
      authorized_ip_ranges = var.api_server_authorized_ip_ranges
    }
  }

  azure_policy_enabled         = true
  image_cleaner_enabled        = true
  image_cleaner_interval_hours = 48

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cluster.id]
  }

  kubelet_identity {
    client_id                 = azurerm_user_assigned_identity.kubelet.client_id
    object_id                 = azurerm_user_assigned_identity.kubelet.principal_id
    user_assigned_identity_id = azurerm_user_assigned_identity.kubelet.id
  }

  # System pool across all zones; only_critical_addons_enabled taints it
  # CriticalAddonsOnly=true:NoSchedule so application pods land on the app pools.
  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_node_pool.vm_size
    zones                        = var.availability_zones
    auto_scaling_enabled         = true
    min_count                    = var.system_node_pool.min_count
    max_count                    = var.system_node_pool.max_count
    only_critical_addons_enabled = true
    os_sku                       = "AzureLinux"
    os_disk_type                 = "Ephemeral"
    os_disk_size_gb              = var.os_disk_size_gb
    max_pods                     = 110
    vnet_subnet_id               = azurerm_subnet.nodes.id
    temporary_name_for_rotation  = "systemtmp"
    node_labels = {
      "platform.aksdevsecops.io/pool" = "system"
    }

    upgrade_settings {
      max_surge = "33%"
    }

    tags = local.tags
  }

  auto_scaler_profile {
    balance_similar_node_groups = true
    expander                    = "least-waste"
    skip_nodes_with_system_pods = true
  }

  # Azure CNI overlay with Cilium as data plane and network policy engine.
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = var.pod_cidr
    service_cidr        = var.service_cidr
    dns_service_ip      = var.dns_service_ip
    load_balancer_sku   = "standard"
    outbound_type       = "loadBalancer"

    load_balancer_profile {
      outbound_ip_address_ids = [azurerm_public_ip.egress.id]
    }
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.kms.id
    key_vault_network_access = "Public"
  }

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id
  }

  # Container Insights with managed-identity authentication.
  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.this.id
    msi_auth_for_monitoring_enabled = true
  }

  # Managed Prometheus; the monitoring stack associates its data collection rule.
  monitor_metrics {
    annotations_allowed = null
    labels_allowed      = null
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.maintenance_window.day_of_week
    start_time  = var.maintenance_window.start_time
    duration    = var.maintenance_window.duration_hours
    utc_offset  = var.maintenance_window.utc_offset
  }

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.maintenance_window.day_of_week
    start_time  = var.maintenance_window.start_time
    duration    = var.maintenance_window.duration_hours
    utc_offset  = var.maintenance_window.utc_offset
  }

  tags = local.tags

  lifecycle {
    # The autoscaler owns node counts; the upgrade channel owns patch versions.
    ignore_changes = [
      default_node_pool[0].node_count,
      kubernetes_version,
    ]
  }

  depends_on = [
    azurerm_role_assignment.kms_cluster,
    azurerm_role_assignment.cluster_network,
    azurerm_role_assignment.cluster_assigns_kubelet_identity,
  ]
}

# Application pools, each pinned to its zones (the seed's split: system in one role, apps in
# the others). Taints are optional per pool; the system pool already repels application pods.
resource "azurerm_kubernetes_cluster_node_pool" "app" {
  for_each = var.app_node_pools

  name                        = each.key
  kubernetes_cluster_id       = azurerm_kubernetes_cluster.this.id
  mode                        = "User"
  vm_size                     = each.value.vm_size
  zones                       = each.value.zones
  auto_scaling_enabled        = true
  min_count                   = each.value.min_count
  max_count                   = each.value.max_count
  os_sku                      = "AzureLinux"
  os_disk_type                = "Ephemeral"
  os_disk_size_gb             = var.os_disk_size_gb
  max_pods                    = 110
  vnet_subnet_id              = azurerm_subnet.nodes.id
  temporary_name_for_rotation = "${substr(each.key, 0, 8)}tmp"
  node_taints                 = each.value.taints
  node_labels = merge(each.value.labels, {
    "platform.aksdevsecops.io/pool" = "app"
  })

  upgrade_settings {
    max_surge = "33%"
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [node_count]
  }
}

# Control plane audit logs (kube-audit-admin, guard) are routed by the monitoring stack.
