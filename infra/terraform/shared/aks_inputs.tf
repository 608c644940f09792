# Values the security and monitoring stacks receive from the aks stack's outputs (the bootstrap
# passes them as -var). Both stacks link this file as aks_inputs.tf; security also declares
# oidc_issuer_url, which only it needs.

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
