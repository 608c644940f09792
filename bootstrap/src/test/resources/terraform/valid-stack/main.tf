# A stack that uses the syntax the reader must step over.
terraform {
  required_version = ">= 1.11.0"
  backend "azurerm" {}
}

locals {
  name = "${var.name_prefix}-{not-a-block}-${lookup({ a = "}" }, "a", "{")}"
  policy = <<-JSON
    {
      "variable": "not a variable",
      "output": { "nested": "}" }
    }
  JSON
  escaped = "a \"quoted\" } and $${literal} %%{literal}"
  items   = [for k, v in var.tags : "${k}={${v}}" if v != ""]
}

/* a block comment
variable "commented_out" {}
*/
resource "azurerm_resource_group" "this" {
  name     = local.name // trailing comment with {
  location = var.location
  tags = merge(var.tags, {
    "managed-by" = "terraform"
  })

  dynamic "timeouts" {
    for_each = var.tags == {} ? [] : [1]
    content {
      create = "30m"
    }
  }

  lifecycle { ignore_changes = [tags["created"]] }
}
