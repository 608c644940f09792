# An interactive shell in a pod of this cluster is rare in production and a common step of an
# attack; kube-audit-admin (routed by the monitoring stack, Dedicated tables) records pods/exec.
resource "azurerm_sentinel_alert_rule_scheduled" "pod_exec" {
  name                       = "aks-pod-exec"
  log_analytics_workspace_id = azurerm_sentinel_log_analytics_workspace_onboarding.this.workspace_id
  display_name               = "AKS: interactive exec into a pod (${var.environment})"
  description                = "A user or service account opened an exec session in a pod of the platform cluster."
  severity                   = var.environment == "production" ? "High" : "Low"
  enabled                    = true
  query_frequency            = "PT15M"
  query_period               = "PT15M"
  trigger_operator           = "GreaterThan"
  trigger_threshold          = 0
  tactics                    = ["Execution"]
  query                      = <<-KQL
    AKSAuditAdmin
    | where _ResourceId =~ "${lower(var.cluster_id)}"
    | where ObjectRef.resource == "pods" and ObjectRef.subresource == "exec"
    | extend Account = tostring(User.username), Namespace = tostring(ObjectRef.namespace), Pod = tostring(ObjectRef.name)
    | project TimeGenerated, Account, Namespace, Pod, SourceIps, ResponseStatus
  KQL
}
