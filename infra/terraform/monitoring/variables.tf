# Stack variables. The common ones are in conventions.tf, the values from the aks outputs in
# aks_inputs.tf (both linked from ../shared).

variable "audit_log_categories" {
  type        = list(string)
  description = "AKS control plane log categories sent to the workspace (kube-audit-admin omits get/list; kube-audit has all)."
  default     = ["kube-audit-admin", "guard"]

  validation {
    condition     = alltrue([for c in var.audit_log_categories : contains(["kube-audit", "kube-audit-admin", "guard", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "cloud-controller-manager", "csi-azuredisk-controller", "csi-azurefile-controller", "csi-snapshot-controller"], c)])
    error_message = "audit_log_categories holds an unknown AKS diagnostic category."
  }
}

variable "audit_log_retention_days" {
  type        = number
  description = "Interactive retention of the AKS audit tables (AKSAudit, AKSAuditAdmin, AKSControlPlane)."
  default     = 90

  validation {
    condition     = var.audit_log_retention_days >= 90 && var.audit_log_retention_days <= 730
    error_message = "Audit logs are kept at least 90 days (and at most 730 interactively)."
  }
}

variable "grafana_major_version" {
  type        = string
  description = "Azure Managed Grafana major version."
  default     = "11"
}

variable "grafana_zone_redundancy_enabled" {
  type        = bool
  description = "Spread Managed Grafana over availability zones."
  default     = false
}

variable "grafana_admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups granted Grafana Admin."
  default     = []
}

variable "grafana_viewer_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups granted Grafana Viewer."
  default     = []
}

variable "container_insights_interval" {
  type        = string
  description = "Container Insights collection interval (1m-30m); longer is cheaper."
  default     = "1m"

  validation {
    condition     = can(regex("^([1-9]|[12][0-9]|30)m$", var.container_insights_interval))
    error_message = "container_insights_interval must be between 1m and 30m."
  }
}

variable "thanos_service_accounts" {
  type        = list(string)
  description = "namespace/name of the service accounts of the pods that read or write Thanos' container (the Prometheus sidecar, store gateway and compactor)."
  default     = ["monitoring/kube-prometheus-stack-prometheus", "monitoring/thanos-storage"]

  validation {
    condition     = alltrue([for sa in var.thanos_service_accounts : can(regex("^[a-z0-9-]+/[a-z0-9-]+$", sa))])
    error_message = "thanos_service_accounts entries must look like namespace/name."
  }
}
