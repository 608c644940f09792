resource "azurerm_storage_account" "legacy" {
  name                     = "legacystorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  # ruleid: terraform-azure-tls-below-1-2
  min_tls_version = "TLS1_0"
}

resource "azurerm_storage_account" "current" {
  name                     = "currentstorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  # ok: terraform-azure-tls-below-1-2
  min_tls_version = "TLS1_2"
}

resource "azurerm_mssql_server" "legacy" {
  name                = "legacy-sql"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  # ruleid: terraform-azure-tls-below-1-2
  minimum_tls_version = "1.1"
}
