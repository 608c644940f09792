terraform {
  # terraform test with mock_provider and override_during needs 1.11.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # 4.42 introduced rbac_authorization_enabled on azurerm_key_vault; arguments were checked
      # against the 4.50 documentation. Stay on the 4.x line.
      version = "~> 4.50"
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
