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

# Stack variables. The first four come from the aks stack outputs (the bootstrap passes them).

variable "resource_group_name" {
  type        = string
  description = "Resource group of the platform (aks output resource_group_name)."
}

variable "cluster_id" {
  type        = string
  description = "AKS cluster resource id (aks output cluster_id)."
}

variable "oidc_issuer_url" {
  type        = string
  description = "AKS OIDC issuer URL (aks output oidc_issuer_url)."

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "oidc_issuer_url must be an https URL."
  }
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Log Analytics workspace resource id (aks output log_analytics_workspace_id)."
}

variable "key_vault_sku" {
  type        = string
  description = "Key Vault SKU: standard or premium (HSM-backed keys)."
  default     = "standard"

  validation {
    condition     = contains(["standard", "premium"], var.key_vault_sku)
    error_message = "key_vault_sku must be standard or premium."
  }
}

variable "key_vault_soft_delete_retention_days" {
  type        = number
  description = "Days a deleted vault or secret stays recoverable (7-90; cannot change later)."
  default     = 90

  validation {
    condition     = var.key_vault_soft_delete_retention_days >= 7 && var.key_vault_soft_delete_retention_days <= 90
    error_message = "key_vault_soft_delete_retention_days must be between 7 and 90."
  }
}

variable "key_vault_allowed_ip_ranges" {
  type        = list(string)
  description = "Public CIDRs (operators, CI, cluster egress) admitted by the vault firewall; everything else is denied."
  default     = []
}

variable "key_vault_allowed_subnet_ids" {
  type        = list(string)
  description = "Subnets (with the Microsoft.KeyVault service endpoint) admitted by the vault firewall, e.g. the AKS node subnet."
  default     = []
}

variable "workload_service_accounts" {
  type        = list(string)
  description = "namespace/name of the Kubernetes service accounts that may use the Secrets Store CSI identity."
  default     = ["devsecops-app/devsecops-app"]

  validation {
    condition     = alltrue([for sa in var.workload_service_accounts : can(regex("^[a-z0-9-]+/[a-z0-9-]+$", sa))])
    error_message = "workload_service_accounts entries must look like namespace/name."
  }
}

variable "defender_for_containers_enabled" {
  type        = bool
  description = "Enable the subscription-wide Defender for Containers plan (disable when a central team owns the plan)."
  default     = true
}
