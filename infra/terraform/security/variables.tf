# Stack variables. The common ones are in conventions.tf, the values from the aks outputs in
# aks_inputs.tf (both linked from ../shared).

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
  description = "Further subnets (with the Microsoft.KeyVault service endpoint) admitted by the vault firewall; the AKS node subnet always is."
  default     = []
}

variable "defender_for_containers_enabled" {
  type        = bool
  description = "Enable the subscription-wide Defender for Containers plan (disable when a central team owns the plan)."
  default     = true
}

variable "logs_ingestion_principal_object_id" {
  type        = string
  description = "Object id of the service principal of Fluent Bit's Logs Ingestion Entra application (issued outside this platform); it gets Monitoring Metrics Publisher on the Falco data collection rule. Null: assign it by hand."
  default     = null

  validation {
    condition     = var.logs_ingestion_principal_object_id == null || can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.logs_ingestion_principal_object_id))
    error_message = "logs_ingestion_principal_object_id must be an object id (GUID) or null."
  }
}
