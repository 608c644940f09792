# One file for the three stacks: each stack directory links it as versions.tf (a symbolic link), so
# the Terraform and provider constraints, the backend type and the provider settings cannot drift
# apart between aks, security and monitoring.
terraform {
  # terraform test with mock_provider and override_during needs 1.11.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # 4.65 renamed azurerm_federated_identity_credential.parent_id to user_assigned_identity_id
      # (the security stack uses the new name); 4.42 introduced rbac_authorization_enabled on
      # azurerm_key_vault. Arguments were read in the provider's source at v4.65.0. Stay on 4.x.
      version = "~> 4.65"
    }
  }

  # Filled per environment: terraform init -backend-config=environments/<env>.backend.hcl
  backend "azurerm" {}
}

provider "azurerm" {
  # Remote state and data-plane calls authenticate with Entra ID, never with shared keys.
  storage_use_azuread = true

  features {
    key_vault {
      # Purge protection is on: a destroyed vault stays recoverable instead of being purged.
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }
  }
}
