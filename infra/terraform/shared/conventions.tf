# The platform's conventions, shared by the three stacks: each stack directory links this file as
# conventions.tf (a symbolic link) and sets local.stack in its main.tf. It declares the common
# variables the bootstrap passes to every stack and derives the naming parts and the tags from them.
#
# Naming: <abbreviation>-<name_prefix>-<environment> (local.base_name), with the short environment
# code (local.env_short) where Azure limits the length (Key Vault: 24 characters, Managed Grafana)
# and no separators where Azure forbids them (ACR). Tags: var.tags plus environment, stack,
# managed-by and part-of on every resource (local.tags).

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

locals {
  # lookup with a fallback so an invalid environment fails on its validation only.
  env_short = lookup({ staging = "stg", production = "prd" }, var.environment, var.environment)
  base_name = "${var.name_prefix}-${var.environment}"

  tags = merge(var.tags, {
    environment = var.environment
    stack       = local.stack
    managed-by  = "terraform"
    part-of     = "devsecops-platform"
  })
}
