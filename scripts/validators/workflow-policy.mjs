// Repository policy for GitHub workflows, on top of actionlint:
//   - top-level `permissions:` is set (least privilege starts at the workflow);
//   - every job that runs steps has `timeout-minutes`;
//   - every `uses:` of an action is pinned to a full 40-hex commit SHA with a "# vX.Y.Z" comment
//     (local ./ actions excepted); reusable workflows of slsa-github-generator are the one
//     exception and must use a vX.Y.Z tag, as that project requires;
//   - no `pull_request_target` trigger (it runs untrusted code with a write token);
//   - every actions/checkout sets `persist-credentials: false` (no job keeps a git token on disk);
//   - a job that holds a write token, an environment or a secret downloads nothing without checking
//     a SHA-256 in the same step (also inside the repository scripts the step runs);
//   - every tool a step installs is pinned: pip only with --require-hashes, no `@latest`, no
//     download piped into a shell, curl/wget downloads checked with sha256sum;
//   - in a workflow that workflow_dispatch can start, a job that deploys (environment, write token
//     or secret) runs only for refs/heads/main.
// Usage: node workflow-policy.mjs WORKFLOW... ; problems as file:line: message; exit 1 if any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node workflow-policy.mjs WORKFLOW...');
  process.exit(2);
}
const SHA_PIN = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const SLSA = /^slsa-framework\/slsa-github-generator\/\.github\/workflows\/[\w.-]+\.ya?ml@v\d+\.\d+\.\d+$/;
const problems = [];
let uses = 0;
let jobsSeen = 0;

// A download writes a fetched file somewhere other than /dev/null, or pipes it into a shell.
const DOWNLOAD = /\b(curl|wget)\b[^\n]*?(\s(-o|--output|-O|--remote-name|--output-document)(\s|=)(?!\/dev\/null)|\|\s*(sudo\s+)?(ba|z)?sh\b)/;
const CHECKSUM = /\bsha(256|512)sum\b[^\n]*(-c\b|--check\b)|\bsha(256|512)sum\b[^\n]*\|\s*(cut|awk)|\[\s*"\$got"\s*!=\s*"\$want"\s*\]/;
const UNPINNED_INSTALL = [
  [/\bpip3?"?\s+install\b(?![^\n]*--require-hashes)/, 'pip install without --require-hashes (pin by hash with a lock file)'],
  [/@latest\b/, 'installs @latest instead of a pinned version'],
  [/\|\s*(sudo\s+)?(ba|z)?sh\b/, 'pipes a download into a shell'],
  [/\bnpm\s+(i|install)\s+(-g|--global)\s+(?![^\n]*@\d)/, 'npm install -g without an exact version'],
];

// API keys of scanners and notifications: they read or report, they cannot deploy anything.
const READ_ONLY_KEYS = new Set(['NVD_API_KEY', 'SONAR_TOKEN', 'SNYK_TOKEN', 'SEMGREP_APP_TOKEN', 'SLACK_WEBHOOK_URL']);

// Repository scripts a run: block calls (bash scripts/x.sh, ./scripts/x.sh): their text counts too.
function scriptsRun(run) {
  const found = new Set();
  for (const m of run.matchAll(/(?:^|[\s;&|(])(?:bash\s+|\.\/)((?:scripts)\/[\w./-]+\.sh)\b/g)) found.add(m[1]);
  return [...found].filter((p) => existsSync(resolve(REPO_ROOT, p)));
}

// Logical lines of a shell text (continuations joined) without comments, so a mention in prose is
// not a download and a command split over lines is still one command.
const code = (text) => text.replace(/\\\n/g, ' ').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');

function downloadsUnchecked(text) {
  const c = code(text);
  return DOWNLOAD.test(c) && !CHECKSUM.test(c);
}

// A job workflow_dispatch cannot start on another branch: its condition requires main, or requires
// a pull_request event (which a dispatch never is) without an alternative.
function mainOnly(job) {
  const cond = String(job.get('if') ?? '');
  return /github\.ref\s*==\s*'refs\/heads\/main'/.test(cond) ||
    (/github\.event_name\s*==\s*'pull_request'/.test(cond) && !/\|\|/.test(cond));
}

// Job-level facts: what it may write, whether it holds a secret or a deployment environment.
function privileges(job) {
  const perms = job.get('permissions', true);
  const writes = [];
  if (perms?.items) {
    for (const p of perms.items) if (String(p.value?.value ?? p.value) === 'write') writes.push(String(p.key.value));
  } else if (perms && /write/.test(String(perms.value ?? perms))) {
    writes.push(String(perms.value ?? perms));
  }
  const text = String(job);
  const secrets = [...text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]).filter((s) => s !== 'GITHUB_TOKEN');
  return { writes, secrets, environment: job.has('environment'), tokenUse: /github\.token|secrets\.GITHUB_TOKEN/.test(text) };
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const at = (node) => (node?.range ? lc.linePos(node.range[0]).line : 1);
  const report = (node, message) => problems.push(`${file}:${at(node)}: ${message}`);
  if (doc.errors.length > 0) {
    problems.push(`${file}:${doc.errors[0].linePos?.[0]?.line ?? 1}: ${doc.errors[0].message}`);
    continue;
  }
  if (!doc.has('permissions')) report(doc.contents, 'no top-level permissions: (start from contents: read)');
  const on = doc.get('on', true);
  const triggers = on?.items ? on.items.map((p) => String(p.key?.value ?? p.value)) : [String(on?.value ?? on)];
  if (triggers.includes('pull_request_target')) report(on, 'pull_request_target runs untrusted code with a write token');
  const dispatchable = triggers.includes('workflow_dispatch');

  const jobs = doc.get('jobs', true);
  for (const pair of jobs?.items ?? []) {
    jobsSeen += 1;
    const job = pair.value;
    const name = pair.key.value;
    const reusable = job.get('uses', true);
    if (reusable) {
      uses += 1;
      const rp = privileges(job);
      const rDeploys = rp.environment || rp.writes.some((w) => w !== 'security-events') || rp.secrets.some((x) => !READ_ONLY_KEYS.has(x));
      if (dispatchable && rDeploys && !mainOnly(job)) {
        report(pair.key, `job ${name} deploys or holds a write token/secret and workflow_dispatch can start it from any branch: add if: github.ref == 'refs/heads/main'`);
      }
      if (!SLSA.test(String(reusable.value)) && !SHA_PIN.test(String(reusable.value))) {
        report(reusable, `job ${name}: reusable workflow ${reusable.value} is neither SHA-pinned nor an slsa-github-generator tag`);
      }
      continue;
    }
    if (!job.has('timeout-minutes')) report(pair.key, `job ${name} has no timeout-minutes`);
    const priv = privileges(job);
    const privileged = priv.writes.length > 0 || priv.secrets.length > 0 || priv.environment || priv.tokenUse;
    const deploys = priv.environment || priv.writes.some((w) => w !== 'security-events') ||
      priv.secrets.some((x) => !READ_ONLY_KEYS.has(x));
    if (dispatchable && deploys && !mainOnly(job)) {
      report(pair.key, `job ${name} deploys or holds a write token/secret and workflow_dispatch can start it from any branch: add if: github.ref == 'refs/heads/main'`);
    }
    for (const step of job.get('steps')?.items ?? []) {
      const run = step.get('run', true);
      if (run) {
        const text = String(run.value);
        for (const [re, why] of UNPINNED_INSTALL) if (re.test(code(text))) report(run, `job ${name}: ${why}`);
        if (privileged && downloadsUnchecked(text)) {
          report(run, `job ${name} holds ${describe(priv)} and downloads without checking a SHA-256 in the same step`);
        }
        for (const script of privileged ? scriptsRun(text) : []) {
          if (downloadsUnchecked(readFileSync(resolve(REPO_ROOT, script), 'utf8'))) {
            report(run, `job ${name} holds ${describe(priv)} and runs ${script}, which downloads without checking a SHA-256`);
          }
        }
      }
      const u = step.get('uses', true);
      if (!u) continue;
      if (/^actions\/checkout@/.test(String(u.value)) && step.getIn(['with', 'persist-credentials']) !== false) {
        report(u, `job ${name}: actions/checkout without persist-credentials: false leaves a git token on disk for every later step`);
      }
      uses += 1;
      const ref = String(u.value);
      if (ref.startsWith('./')) continue;
      if (!SHA_PIN.test(ref)) {
        report(u, `job ${name}: ${ref} is not pinned to a full commit SHA`);
        continue;
      }
      const line = lines[at(u) - 1] ?? '';
      if (!/#\s*v\d+(\.\d+){0,2}\b/.test(line)) report(u, `job ${name}: ${ref} lacks a "# vX.Y.Z" comment naming the pinned release`);
    }
  }
}

function describe(priv) {
  const parts = [];
  if (priv.writes.length) parts.push(`write permissions (${priv.writes.join(', ')})`);
  if (priv.secrets.length) parts.push(`secrets (${priv.secrets.join(', ')})`);
  if (priv.environment) parts.push('a deployment environment');
  if (priv.tokenUse && !parts.length) parts.push('the GitHub token');
  return parts.join(' and ');
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`workflow-policy: ${files.length} workflows, ${jobsSeen} jobs, ${uses} action/workflow references pinned; permissions, timeouts, checkout credentials, verified downloads, pinned installs and main-only deploys hold`);
