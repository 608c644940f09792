# Stack variables (the common ones are in conventions.tf, linked from ../shared).

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version (alias such as 1.32); the upgrade channel keeps patches current."
}

variable "sku_tier" {
  type        = string
  description = "AKS tier: Free, Standard (uptime SLA) or Premium."
  default     = "Standard"

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.sku_tier)
    error_message = "sku_tier must be Free, Standard or Premium."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Zones the system pool spans."
  default     = ["1", "2", "3"]

  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "The platform runs across exactly three availability zones."
  }
}

variable "system_node_pool" {
  type = object({
    vm_size   = string
    min_count = number
    max_count = number
  })
  description = "System pool (CriticalAddonsOnly taint), spread over availability_zones."
}

variable "app_node_pools" {
  type = map(object({
    vm_size   = string
    zones     = list(string)
    min_count = number
    max_count = number
    taints    = optional(list(string), [])
    labels    = optional(map(string), {})
  }))
  description = "Application pools keyed by pool name (max 12 lower-case characters), each pinned to its zones."

  validation {
    condition     = alltrue([for name in keys(var.app_node_pools) : can(regex("^[a-z][a-z0-9]{0,11}$", name))])
    error_message = "Node pool names must be 1-12 lower-case letters or digits, starting with a letter."
  }
}

variable "os_disk_size_gb" {
  type        = number
  description = "Ephemeral OS disk size; must fit the VM size's cache or temporary disk (150 GiB on Standard_D4ds_v5)."
  default     = 128
}

variable "private_cluster_enabled" {
  type        = bool
  description = "Expose the API server on a private endpoint only."
}

variable "api_server_authorized_ip_ranges" {
  type        = list(string)
  description = "CIDRs allowed to reach a public API server; ignored for a private cluster."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.api_server_authorized_ip_ranges : can(cidrhost(cidr, 0))])
    error_message = "api_server_authorized_ip_ranges must hold CIDR ranges."
  }
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups that get cluster-admin through AKS-managed Entra ID."
}

variable "automatic_upgrade_channel" {
  type        = string
  description = "AKS automatic upgrade channel."
  default     = "patch"

  validation {
    condition     = contains(["patch", "stable", "rapid", "node-image"], var.automatic_upgrade_channel)
    error_message = "automatic_upgrade_channel must be patch, stable, rapid or node-image."
  }
}

variable "maintenance_window" {
  type = object({
    day_of_week    = string
    start_time     = string
    duration_hours = number
    utc_offset     = optional(string, "+00:00")
  })
  description = "Weekly window for cluster and node OS upgrades."

  validation {
    condition     = var.maintenance_window.duration_hours >= 4 && var.maintenance_window.duration_hours <= 24
    error_message = "maintenance_window.duration_hours must be between 4 and 24."
  }
}

variable "vnet_address_space" {
  type        = string
  description = "Address space of the cluster virtual network."
  default     = "10.40.0.0/16"
}

variable "node_subnet_prefix" {
  type        = string
  description = "Subnet for the nodes (pods get overlay addresses from pod_cidr)."
  default     = "10.40.0.0/22"
}

variable "pod_cidr" {
  type        = string
  description = "Azure CNI overlay pod range; must not overlap the virtual network."
  default     = "192.168.0.0/16"
}

variable "service_cidr" {
  type        = string
  description = "Kubernetes service range."
  default     = "172.16.0.0/16"
}

variable "dns_service_ip" {
  type        = string
  description = "kube-dns address inside service_cidr."
  default     = "172.16.0.10"
}

variable "log_retention_days" {
  type        = number
  description = "Default retention of the Log Analytics workspace (audit tables get their own in the monitoring stack)."

  validation {
    condition     = var.log_retention_days >= 30 && var.log_retention_days <= 730
    error_message = "log_retention_days must be between 30 and 730."
  }
}

variable "acr_allowed_ip_ranges" {
  type        = list(string)
  description = "CIDRs allowed to reach the registry (CI runners); the cluster's egress address is added automatically. Empty keeps the registry open to authenticated callers."
  default     = []
}

variable "kms_key_rotation_days" {
  type        = number
  description = "Age in days after which the etcd encryption key is rotated automatically."
  default     = 180
}
