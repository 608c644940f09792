// docs/fork/identities.yaml read into a checked, typed model, and the tables README.md's "What a
// fork sets" shows of it. The delivery-flow and fork-identities validators read the model; the
// README block between the fork-identities markers is this file's output and nothing else.
//
// Usage: node scripts/lib/fork-identities.mjs readme [--write README]
//   prints the README block (or writes it between the markers of README); exit 1 if the file has
//   problems (printed as file:line: message), 2 on usage errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

export const BEGIN = '<!-- fork-identities:begin (generated from docs/fork/identities.yaml by `node scripts/lib/fork-identities.mjs readme --write README.md`) -->';
export const END = '<!-- fork-identities:end -->';
export const SUBJECT = 'repo:{repository}:environment:{environment}';
const PLACEHOLDERS = new Set(['subscriptionId', 'namePrefix', 'stateResourceGroup', 'stateStorageAccount', 'stateContainer']);
// Azure built-in roles the identities may hold; anything else is a typo or needs a review here.
export const ROLES = new Set(['AcrPush', 'AcrPull', 'Reader', 'Contributor', 'Role Based Access Control Administrator',
  'Key Vault Secrets User', 'Key Vault Reader', 'Storage Blob Data Reader', 'Storage Blob Data Contributor',
  'Azure Kubernetes Service Cluster User Role']);
// Roles that change what runs or who may do what: an environment holding them needs reviewers.
export const WRITE_ROLES = new Set(['AcrPush', 'Contributor', 'Role Based Access Control Administrator',
  'Storage Blob Data Contributor']);

// loadIdentities(FILE) → {model, problems}: problems are "file:line: message" strings.
export function loadIdentities(file) {
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const problems = doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`);
  const at = (path) => {
    const node = doc.getIn(path, true);
    return `${file}:${node?.range ? lc.linePos(node.range[0]).line : 1}`;
  };
  const m = doc.toJS() ?? {};
  const bad = (path, message) => problems.push(`${at(path)}: ${message}`);
  const list = (v) => (Array.isArray(v) ? v : []);
  if (m.schemaVersion !== 1) bad(['schemaVersion'], 'schemaVersion must be 1');
  const oidc = m.github?.oidc ?? {};
  if (oidc.subjectTemplate !== 'default' || oidc.subject !== SUBJECT) {
    bad(['github', 'oidc'], `the OIDC subject must be GitHub's default for environments, ${SUBJECT}`);
  }
  if (oidc.issuer !== 'https://token.actions.githubusercontent.com' || oidc.audience !== 'api://AzureADTokenExchange') {
    bad(['github', 'oidc'], 'issuer and audience must be GitHub Actions\' and Entra ID\'s token exchange');
  }
  const environments = new Map();
  list(m.github?.environments).forEach((e, i) => {
    const p = ['github', 'environments', i];
    if (!/^[a-z][a-z0-9-]*$/.test(e.name ?? '')) bad(p, `environment name '${e.name}' must be lower-case words`);
    if (environments.has(e.name)) bad(p, `environment ${e.name} is listed twice`);
    environments.set(e.name, e);
    if (JSON.stringify(e.deploymentBranches) !== '["main"]') bad([...p, 'deploymentBranches'], `environment ${e.name} must admit main only: any other branch (or a pull request) would get its identity`);
    if (!Array.isArray(e.requiredReviewers) || e.requiredReviewers.some((r) => !/^@[\w.-]+(\/[\w.-]+)?$/.test(r))) bad([...p, 'requiredReviewers'], 'requiredReviewers must list @users or @org/teams');
    if (e.requiredReviewers?.length && e.preventSelfReview !== true) bad(p, `environment ${e.name} has reviewers but lets the author approve: preventSelfReview: true`);
    if (!Array.isArray(e.secrets)) bad(p, 'secrets must be a list (empty when none)');
  });
  const scopes = new Map();
  list(m.scopes).forEach((s, i) => {
    const p = ['scopes', i];
    if (scopes.has(s.id)) bad(p, `scope ${s.id} is listed twice`);
    scopes.set(s.id, s);
    if (!['staging', 'production'].includes(s.environment)) bad(p, `scope ${s.id}: environment must be staging or production`);
    if (!/^\/subscriptions\/\{subscriptionId\}(\/[^/]+)*$/.test(s.armId ?? '')) bad(p, `scope ${s.id}: armId must start with /subscriptions/{subscriptionId}`);
    for (const [, name] of String(s.armId ?? '').matchAll(/\{(\w+)\}/g)) if (!PLACEHOLDERS.has(name)) bad(p, `scope ${s.id}: unknown placeholder {${name}}`);
  });
  const identities = [];
  const variables = new Set();
  list(m.identities).forEach((id, i) => {
    const p = ['identities', i];
    identities.push(id);
    if (!/^AZURE_CLIENT_ID_[A-Z][A-Z_]*$/.test(id.variable ?? '')) bad(p, `identity ${id.id}: variable must be AZURE_CLIENT_ID_<ROLE>`);
    if (variables.has(id.variable)) bad(p, `variable ${id.variable} names two identities`);
    variables.add(id.variable);
    const env = environments.get(id.environment);
    if (!env) bad(p, `identity ${id.id}: environment ${id.environment} is not declared under github.environments`);
    if (!list(id.jobs).length || list(id.jobs).some((j) => !/^[\w-]+\.ya?ml#[\w-]+$/.test(j))) bad([...p, 'jobs'], `identity ${id.id}: jobs must be a non-empty list of <workflow file>#<job id>`);
    const production = /production/.test(id.environment ?? '');
    list(id.azureRoles).forEach((r, k) => {
      const scope = scopes.get(r.scope);
      if (!ROLES.has(r.role)) bad([...p, 'azureRoles', k], `identity ${id.id}: role '${r.role}' is not one this platform grants`);
      if (!scope) bad([...p, 'azureRoles', k], `identity ${id.id}: unknown scope ${r.scope}`);
      else if (scope.environment === 'production' && !production) bad([...p, 'azureRoles', k], `identity ${id.id} (environment ${id.environment}) holds ${r.role} on production's ${r.scope}: only production identities may`);
      if (WRITE_ROLES.has(r.role) && (scope?.environment === 'production' || r.role !== 'AcrPush') && env && !env.requiredReviewers?.length) {
        bad([...p, 'azureRoles', k], `identity ${id.id} holds ${r.role} on ${r.scope} from environment ${id.environment}, which has no required reviewers`);
      }
    });
    if (!Array.isArray(id.kubernetes)) bad(p, `identity ${id.id}: kubernetes must be a list (empty when none)`);
  });
  const apps = list(m.github?.apps);
  apps.forEach((a, i) => {
    const env = environments.get(a.environment);
    if (!env || !list(env.secrets).includes(a.privateKeySecret)) bad(['github', 'apps', i], `app ${a.id}: its key ${a.privateKeySecret} must be a secret of environment ${a.environment}`);
  });
  const rulesets = list(m.github?.rulesets);
  const main = rulesets.find((r) => list(r.include).includes('refs/heads/main'));
  if (!main) bad(['github', 'rulesets'], 'no ruleset protects refs/heads/main');
  else if (list(main.bypassActors).length) bad(['github', 'rulesets', rulesets.indexOf(main), 'bypassActors'], 'the main ruleset has bypass actors: a bypass cannot be limited to one workflow or file, so every workflow run could push to main');
  return { model: { ...m, environments, scopes, identities, apps, rulesets }, problems };
}

// The subject an identity's federated credential names.
export const subjectOf = (identity) => SUBJECT.replace('{environment}', identity.environment);

const cell = (xs) => xs.join('<br>') || '—';
function kubernetesCell(rights) {
  const byNs = new Map();
  for (const r of rights) {
    const what = `${r.resources.join(', ')}${r.resourceNames ? ` \`${r.resourceNames.join(', ')}\`` : ''} ${r.verbs.join('/')}${r.dryRunOnly ? ' (dry run only)' : ''}`;
    const ns = r.namespace || 'cluster';
    byNs.set(ns, [...(byNs.get(ns) ?? []), what]);
  }
  return cell([...byNs].map(([ns, whats]) => `\`${ns}\`: ${whats.join('; ')}`));
}

// The README block: environments, identities, the promotion app, rulesets.
export function renderReadme(model) {
  const lines = [BEGIN, '', '  | GitHub environment | deployment branches | required reviewers | environment secrets | for |', '  |---|---|---|---|---|'];
  for (const e of model.environments.values()) {
    const reviewers = e.requiredReviewers.length ? `${e.requiredReviewers.join(', ')}${e.preventSelfReview ? ' (not the author)' : ''}` : 'none';
    lines.push(`  | \`${e.name}\` | ${e.deploymentBranches.join(', ')} | ${reviewers} | ${e.secrets.map((s) => `\`${s}\``).join(', ') || '—'} | ${e.purpose} |`);
  }
  lines.push('', '  | repository variable | environment | jobs | federated subject | Azure role assignments | Kubernetes rights |', '  |---|---|---|---|---|---|');
  for (const id of model.identities) {
    const roles = id.azureRoles.map((r) => `${r.role} on ${r.scope}`);
    lines.push(`  | \`${id.variable}\` | \`${id.environment}\` | ${id.jobs.map((j) => `\`${j}\``).join(', ')} | \`${subjectOf(id).replace('{repository}', '<org>/<repo>')}\` | ${cell(roles)} | ${kubernetesCell(id.kubernetes)} |`);
  }
  lines.push('', '  Scopes (placeholders from `bootstrap/environments/<env>.yaml` and the stacks\' `<env>.backend.hcl`):');
  for (const s of model.scopes.values()) lines.push(`  \`${s.id}\` = \`${s.armId}\` (${s.environment});`);
  for (const a of model.apps) {
    lines.push('', `  GitHub App \`${a.id}\`: ${a.purpose}; permissions ${Object.entries(a.permissions).map(([k, v]) => `${k} ${v}`).join(', ')}, this repository only; variable \`${a.clientIdVariable}\` (its client id), secret \`${a.privateKeySecret}\` of environment \`${a.environment}\` (its private key).`);
  }
  lines.push('', '  Rulesets:');
  for (const r of model.rulesets) {
    const bypass = r.bypassActors.length ? `bypass: ${r.bypassActors.map((b) => `the ${b.app} app`).join(', ')} only` : 'no bypass actors';
    lines.push(`  - \`${r.name}\` (${r.target} ${r.include.map((x) => `\`${x}\``).join(', ')}): ${r.rules.join('; ')}; ${bypass}.`);
  }
  lines.push('', END);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, flag, readme] = process.argv.slice(2);
  if (cmd !== 'readme' || (flag && flag !== '--write') || (flag && !readme)) {
    console.error('usage: node scripts/lib/fork-identities.mjs readme [--write README]');
    process.exit(2);
  }
  const { model, problems } = loadIdentities('docs/fork/identities.yaml');
  if (problems.length) {
    problems.forEach((p) => console.error(p));
    process.exit(1);
  }
  const block = renderReadme(model);
  if (!flag) {
    console.log(block);
  } else {
    const text = readFileSync(readme, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < start) {
      console.error(`${readme}:1: no fork-identities markers to write between`);
      process.exit(1);
    }
    writeFileSync(readme, text.slice(0, start) + block + text.slice(end + END.length));
  }
}
