# Values the security and monitoring stacks receive from the aks stack's outputs (the bootstrap
# passes them as -var). Both stacks link this file as aks_inputs.tf. Both federate workload
# identities with the cluster's OIDC issuer.

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

variable "oidc_issuer_url" {
  type        = string
  description = "AKS OIDC issuer URL (aks output oidc_issuer_url)."

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "oidc_issuer_url must be an https URL."
  }
}
