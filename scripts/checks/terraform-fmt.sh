#!/usr/bin/env bash
# terraform fmt -check over infra/ (init/validate need the azurerm provider: GitHub CI only).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files terraform-fmt "infra/" 'infra/*.tf' 'infra/*.tfvars' 'infra/*.tftest.hcl' 'infra/*.tfmock.hcl'
require_tool terraform
run_tool terraform fmt -check -recursive -diff infra/
log "terraform-fmt: ${#files[@]} Terraform files formatted"
