#!/usr/bin/env bash
# terraform fmt -check over infra/ (init/validate need the azurerm provider: GitHub CI only).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
mapfile -t files < <(tracked_files 'infra/*.tf' 'infra/*.tfvars' 'infra/*.tftest.hcl')
if [ "${#files[@]}" -eq 0 ]; then no_files_yet terraform-fmt "infra/"; exit 0; fi
require_tool terraform
run_tool terraform fmt -check -recursive -diff infra/
log "terraform-fmt: ${#files[@]} Terraform files formatted"
