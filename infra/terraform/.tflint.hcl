# tflint configuration shared by the three stacks (run from each stack directory with
# --config=../.tflint.hcl). The azurerm ruleset checks argument values (VM sizes, SKUs, names)
# that terraform validate cannot.
config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "azurerm" {
  enabled = true
  version = "0.32.0"
  source  = "github.com/terraform-linters/tflint-ruleset-azurerm"
}

rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

rule "terraform_naming_convention" {
  enabled = true
}
