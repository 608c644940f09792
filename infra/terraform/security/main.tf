locals {
  # conventions.tf (linked from ../shared) derives base_name, env_short and tags from this.
  stack = "security"

  names = {
    key_vault = "kv-${var.name_prefix}-${local.env_short}-app"
  }
}

data "azurerm_client_config" "current" {}

# Defender for Containers: runtime threat detection, registry vulnerability assessment and the
# sensor the aks stack enables through the cluster's Defender profile. The plan is per subscription.
resource "azurerm_security_center_subscription_pricing" "containers" {
  count = var.defender_for_containers_enabled ? 1 : 0

  tier          = "Standard"
  resource_type = "Containers"

  # An extension without a block is switched off: name every one the platform relies on.
  dynamic "extension" {
    for_each = toset(["ContainerRegistriesVulnerabilityAssessments", "AgentlessDiscoveryForKubernetes", "AgentlessVmScanning", "ContainerSensor"])
    content {
      name = extension.value
    }
  }
}

# Microsoft Sentinel on the platform workspace: AKS audit logs, Defender alerts and Key Vault
# audit events land there and become incidents.
resource "azurerm_sentinel_log_analytics_workspace_onboarding" "this" {
  workspace_id = var.log_analytics_workspace_id
}
