# staging
name_prefix = "stg"
location    = "westeurope"
tags = {
  environment = "staging"
  "cost-center" = "platform"
}
