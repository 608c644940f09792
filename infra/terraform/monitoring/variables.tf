# Common variables (identical in every stack).

variable "environment" {
  type        = string
  description = "Deployment environment; selects environments/<environment>.tfvars."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "location" {
  type        = string
  description = "Azure region; it must offer three availability zones."
}

variable "name_prefix" {
  type        = string
  description = "Short product prefix used in every resource name (2-10 lower-case letters or digits)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.name_prefix))
    error_message = "name_prefix must be 2-10 lower-case letters or digits, starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource, on top of environment, stack and managed-by."
  default     = {}
}

# Stack variables. The first three come from the aks stack outputs (the bootstrap passes them).

variable "resource_group_name" {
  type        = string
  description = "Resource group of the platform (aks output resource_group_name)."
}

variable "cluster_id" {
  type        = string
  description = "AKS cluster resource id (aks output cluster_id)."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace resource id (aks output log_analytics_workspace_id)."
}

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
