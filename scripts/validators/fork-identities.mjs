// docs/fork/identities.yaml against everything it describes:
//   - the file itself (scripts/lib/fork-identities.mjs: environments admit main only, reviewers
//     wherever an identity can write, production scopes for production identities only, no bypass
//     of the main ruleset, the promotion app's key in its environment);
//   - README.md: the block between the fork-identities markers is exactly what the file generates;
//   - the scopes: every placeholder resolves from the environment files and the stacks' backend
//     files, the names are the ones the Terraform conventions give (rg-<prefix>-<env>), and the two
//     environments keep their state in different containers;
//   - Kubernetes: the rights listed for an identity are exactly what the rendered
//     kubernetes/verify-access binds to the object id placeholder (Roles and ClusterRoles through
//     RoleBindings and ClusterRoleBindings), and its dry-run-only rights are held to dry runs by the
//     admission policy there;
//   - CODEOWNERS: the security team alone owns security/, infra/, kubernetes/, .github/ and
//     docs/fork/identities.yaml.
// Usage: node fork-identities.mjs --file IDENTITIES --readme README --codeowners CODEOWNERS
//          --rendered RENDERED_VERIFY_ACCESS_YAML --repo ROOT
// Problems: "file[:line]: message"; exit 1 if any, 2 on usage errors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { BEGIN, END, loadIdentities, renderReadme } from '../lib/fork-identities.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || !args[i + 1]) {
    console.error(`usage: node fork-identities.mjs --file F --readme F --codeowners F --rendered F --repo DIR (missing ${name})`);
    process.exit(2);
  }
  return args[i + 1];
};
const file = opt('--file');
const readme = opt('--readme');
const codeowners = opt('--codeowners');
const rendered = opt('--rendered');
const repo = opt('--repo');
const { model, problems } = loadIdentities(file);

// --- README ---------------------------------------------------------------------------------------
{
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    problems.push(`${readme}:1: no fork-identities block in "What a fork sets" (markers ${BEGIN} … ${END})`);
  } else if (problems.length === 0 && text.slice(start, end + END.length) !== renderReadme(model)) {
    const line = text.slice(0, start).split('\n').length;
    problems.push(`${readme}:${line}: the identity block differs from ${file}: run node scripts/lib/fork-identities.mjs readme --write ${readme}`);
  }
}

// --- scopes against the environment files, the backends and the naming convention ------------------
const backend = (text) => Object.fromEntries([...text.matchAll(/^\s*(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1], m[2]]));
const containers = new Map();
for (const scope of model.scopes.values()) {
  const envFile = join(repo, 'bootstrap/environments', `${scope.environment}.yaml`);
  const backendFile = join(repo, 'infra/terraform/aks/environments', `${scope.environment}.backend.hcl`);
  if (!existsSync(envFile) || !existsSync(backendFile)) {
    problems.push(`${file}: scope ${scope.id}: ${existsSync(envFile) ? backendFile : envFile} does not exist`);
    continue;
  }
  const azure = parse(readFileSync(envFile, 'utf8'))?.azure ?? {};
  const state = backend(readFileSync(backendFile, 'utf8'));
  const values = { subscriptionId: azure.subscriptionId, namePrefix: azure.namePrefix, stateResourceGroup: state.resource_group_name,
    stateStorageAccount: state.storage_account_name, stateContainer: state.container_name };
  const resolved = scope.armId.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);
  if (/\{\w+\}/.test(resolved)) problems.push(`${file}: scope ${scope.id}: ${resolved} keeps a placeholder its environment files do not set`);
  const rg = /\/resourceGroups\/([^/]+)/.exec(resolved)?.[1];
  if (rg && rg !== state.resource_group_name && rg !== `rg-${azure.namePrefix}-${scope.environment}`) {
    problems.push(`${file}: scope ${scope.id}: resource group ${rg} is neither the state's nor rg-<namePrefix>-${scope.environment} (infra/terraform/shared/conventions.tf)`);
  }
  if (/\/containers\//.test(scope.armId)) containers.set(scope.environment, `${state.storage_account_name}/${state.container_name}`);
}
if (containers.get('staging') && containers.get('staging') === containers.get('production')) {
  problems.push(`${file}: staging and production keep their state in the same container ${containers.get('staging')}: production's state must be readable by production identities only`);
}

// --- Kubernetes rights against kubernetes/verify-access --------------------------------------------
{
  const docs = parseAllDocuments(readFileSync(rendered, 'utf8')).map((d) => d.toJS()).filter(Boolean);
  const roles = new Map(docs.filter((d) => d.kind === 'Role' || d.kind === 'ClusterRole')
    .map((d) => [`${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`, d]));
  const policy = docs.find((d) => d.kind === 'ValidatingAdmissionPolicy');
  const granted = new Map(); // subject → set of "ns|group|resource|verb|names"
  for (const b of docs.filter((d) => d.kind === 'RoleBinding' || d.kind === 'ClusterRoleBinding')) {
    const role = roles.get(`${b.roleRef.kind}/${b.roleRef.kind === 'Role' ? b.metadata.namespace : ''}/${b.roleRef.name}`);
    if (!role) {
      problems.push(`${rendered}: ${b.kind} ${b.metadata.name} binds ${b.roleRef.kind} ${b.roleRef.name}, which the kustomization does not define`);
      continue;
    }
    const ns = b.kind === 'RoleBinding' ? b.metadata.namespace : '';
    for (const s of b.subjects ?? []) {
      const set = granted.get(s.name) ?? new Set();
      for (const rule of role.rules ?? []) {
        for (const g of rule.apiGroups) for (const r of rule.resources) for (const v of rule.verbs) set.add(`${ns}|${g}|${r}|${v}|${(rule.resourceNames ?? []).join(',')}`);
      }
      granted.set(s.name, set);
    }
  }
  for (const id of model.identities.filter((i) => i.kubernetes.length > 0)) {
    const subjects = [...granted.keys()];
    if (subjects.length !== 1) {
      problems.push(`${rendered}: the bindings name ${subjects.length} subjects; ${id.id}'s rights must be bound to its object id alone`);
      continue;
    }
    const listed = new Set(id.kubernetes.flatMap((k) => k.resources.flatMap((r) => k.verbs.map((v) => `${k.namespace}|${k.apiGroup}|${r}|${v}|${(k.resourceNames ?? []).join(',')}`))));
    const bound = granted.get(subjects[0]);
    for (const x of bound) if (!listed.has(x)) problems.push(`${rendered}: grants ${x.replace(/\|/g, ' ')} to the ${id.id} identity, which ${file} does not list`);
    for (const x of listed) if (!bound.has(x)) problems.push(`${file}: lists ${x.replace(/\|/g, ' ')} for ${id.id}, which kubernetes/verify-access does not grant`);
    const dryRun = id.kubernetes.filter((k) => k.dryRunOnly);
    const guard = JSON.stringify(policy?.spec?.validations ?? []);
    const user = JSON.stringify(policy?.spec?.matchConditions ?? []);
    if (dryRun.length && (!/request\.dryRun == true/.test(guard) || !user.includes(subjects[0]))) {
      problems.push(`${rendered}: ${id.id} may create Pods in ${dryRun.map((k) => k.namespace).join(', ')} only as dry runs, but no ValidatingAdmissionPolicy for its object id enforces request.dryRun`);
    }
  }
}

// --- CODEOWNERS ------------------------------------------------------------------------------------
{
  const owners = new Map(readFileSync(codeowners, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/)).map(([path, ...who]) => [path, who]));
  for (const path of ["/security/", "/infra/", "/kubernetes/", "/.github/", "/docs/fork/identities.yaml"]) {
    const who = owners.get(path);
    if (!who || who.length !== 1 || who[0] !== '@aks-devsecops/security-team') {
      problems.push(`${codeowners}:1: ${path} must be owned by @aks-devsecops/security-team alone (two owners on a line let either approve), has ${who?.join(' ') || 'no line'}`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`fork-identities: ${model.identities.length} identities in ${model.environments.size} main-only environments, README block generated from ${file}, ${model.scopes.size} scopes resolved, verify-access rights equal, CODEOWNERS holds`);
