run "reads_the_kubelet_identity" {
  command = apply

  assert {
    condition     = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id != ""
    error_message = "unreachable under a mock provider"
  }
}
