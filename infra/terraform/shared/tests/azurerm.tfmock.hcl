# Mock data the stacks' tests share (terraform test: mock_provider "azurerm" { source = "../shared/tests" },
# resolved from the stack directory). Fixed ids so assertions can follow them.

mock_data "azurerm_client_config" {
  defaults = {
    tenant_id       = "11111111-1111-1111-1111-111111111111"
    object_id       = "22222222-2222-2222-2222-222222222222"
    client_id       = "33333333-3333-3333-3333-333333333333"
    subscription_id = "44444444-4444-4444-4444-444444444444"
  }
}
