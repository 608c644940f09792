output "resource_group_name" {
  value = azurerm_resource_group.this.name
}

output "token" {
  value     = "secret-${local.name}"
  sensitive = true
}
