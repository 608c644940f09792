# terraform init -backend-config=environments/production.backend.hcl
resource_group_name  = "rg-devsecops-tfstate"
storage_account_name = "stdevsecopstfstate"
container_name       = "tfstate-production"
key                  = "security.tfstate"
use_azuread_auth     = true
