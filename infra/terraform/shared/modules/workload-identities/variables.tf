variable "identities" {
  type        = set(string)
  description = "Keys of the identities to create; each is named id-<base_name>-<key>."
}

variable "federations" {
  type = map(object({
    identity        = string
    service_account = string
    name            = string
  }))
  description = "Federated credentials by key: the identity (a key of identities) that trusts the service account (namespace/name), and the credential's name."
}

variable "base_name" {
  type        = string
  description = "<name_prefix>-<environment> of the calling stack (local.base_name)."
}

variable "location" {
  type        = string
  description = "Azure region of the identities."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the identities."
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer of the cluster whose service accounts the identities trust."
}

variable "tags" {
  type        = map(string)
  description = "Tags of the identities (the calling stack's local.tags)."
}
