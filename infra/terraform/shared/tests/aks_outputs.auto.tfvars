# The common variables and the aks outputs, as the bootstrap passes them, for the tests of the two
# stacks that receive them: security/tests and monitoring/tests link this file, and terraform test
# loads *.auto.tfvars from the test directory. A run's own variables block overrides a value.
environment                = "staging"
location                   = "westeurope"
name_prefix                = "devsecops"
resource_group_name        = "rg-devsecops-staging"
cluster_id                 = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.ContainerService/managedClusters/aks-devsecops-staging"
oidc_issuer_url            = "https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/55555555-5555-5555-5555-555555555555/"
log_analytics_workspace_id = "/subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-devsecops-staging/providers/Microsoft.OperationalInsights/workspaces/law-devsecops-staging"
