// Every command a workflow job runs exists when it runs: for each job of each workflow, every
// external command of its run: steps, and of the repository scripts they run (followed to the end:
// scripts/test.sh → install-test-deps.sh, validate-assets.sh → every check), is either installed by
// an earlier step of the same job (a SHA-pinned setup action, scripts/install-security-tools.sh or
// scripts/install-test-deps.sh, a sha256-checked archive, an exactly versioned npm -g) or in the
// runner image's inventory (scripts/runner-images/<image>.txt, taken from the image's readme).
// Usage: node runner-closure.mjs --inventory DIR WORKFLOW...
// Problems: "file:line: job J, step S: runs C (at where), which ..."; exit 1 if any, 2 on usage errors.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { ShellReader } from './shell-commands.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const at = args.indexOf('--inventory');
if (at < 0 || !args[at + 1] || args.length < at + 3) {
  console.error('usage: node runner-closure.mjs --inventory DIR WORKFLOW...');
  process.exit(2);
}
const inventoryDir = args.splice(at, 2)[1];
const workflows = args;

// Setup actions and the commands they put on PATH; any other action installs nothing.
const ACTIONS = {
  'actions/setup-java': ['java', 'javac', 'jar', 'keytool', 'jlink'],
  'actions/setup-node': ['node', 'npm', 'npx'],
  'actions/setup-go': ['go', 'gofmt'],
  'actions/setup-python': ['python', 'python3', 'pip', 'pip3'],
  'hashicorp/setup-terraform': ['terraform'],
  'terraform-linters/setup-tflint': ['tflint'],
  'helm/kind-action': ['kind', 'kubectl'],
};
const CHECKSUM = /\bsha(256|512)sum\b[^\n]*(-c\b|--check\b)/;

function inventory(image) {
  const file = join(inventoryDir, `${image}.txt`);
  if (!existsSync(file)) return null;
  const commands = new Map();
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (/^\s*(#|$)/.test(line)) return;
    const cols = line.split('|').map((c) => c.trim());
    if (cols.length !== 4 || !cols[3]) {
      console.error(`${file}:${i + 1}: expected "tool | version | readme section | commands"`);
      process.exit(2);
    }
    for (const c of cols[3].split(/\s+/)) commands.set(c, `${cols[0]} ${cols[1]}`);
  });
  return commands;
}

// tool → the commands scripts/install-security-tools.sh installs for it.
function lockTools() {
  const tools = new Map();
  for (const line of readFileSync(join(REPO_ROOT, 'scripts/security-tools.lock'), 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (/^#/.test(line) || cols.length < 6) continue;
    tools.set(cols[0], cols[0] === 'detect-secrets' ? ['detect-secrets', 'detect-secrets-hook'] : [cols[0]]);
  }
  return tools;
}

const reader = new ShellReader({ repoRoot: REPO_ROOT, lockTools: lockTools() });
const images = new Map();
const problems = [];
let jobsSeen = 0;
let commandsSeen = 0;

for (const file of workflows) {
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const line = (node) => (node?.range ? lc.linePos(node.range[0]).line : 1);
  for (const pair of doc.get('jobs', true)?.items ?? []) {
    const job = pair.value;
    const jobName = pair.key.value;
    if (job.get('uses')) continue; // a reusable workflow brings its own runner and tools
    const image = String(job.get('runs-on'));
    if (!images.has(image)) images.set(image, inventory(image));
    const available = images.get(image);
    if (!available) {
      problems.push(`${file}:${line(job.get('runs-on', true))}: job ${jobName} runs on ${image}, which has no inventory in ${inventoryDir}`);
      continue;
    }
    jobsSeen += 1;
    const installed = new Map();
    (job.get('steps')?.items ?? []).forEach((step, index) => {
      const stepName = String(step.get('name') ?? step.get('uses') ?? `#${index + 1}`);
      const uses = String(step.get('uses') ?? '');
      const action = uses.replace(/@.*$/, '');
      if (ACTIONS[action]) {
        if (!/@[0-9a-f]{40}$/.test(uses)) {
          problems.push(`${file}:${line(step)}: job ${jobName}, step ${stepName}: ${uses} is not pinned by commit SHA, so what it installs is not pinned`);
        }
        for (const c of ACTIONS[action]) installed.set(c, uses);
      }
      const run = step.get('run', true);
      if (!run) return;
      const text = String(run.value);
      let events;
      try {
        events = reader.read(text, file, { line: line(run) + (/^[|>]/.test(run.source ?? '') || run.type !== 'PLAIN' ? 1 : 0) });
      } catch (e) {
        problems.push(`${file}:${line(run)}: job ${jobName}, step ${stepName}: ${e.message}`);
        return;
      }
      const reported = new Set();
      for (const event of events) {
        if (event.kind === 'install') {
          for (const c of event.names) installed.set(c, event.where);
        } else if (event.kind === 'extract') {
          if (CHECKSUM.test(text)) for (const c of event.names) installed.set(c, event.where);
        } else {
          commandsSeen += 1;
          if (available.has(event.name) || installed.has(event.name) || reported.has(event.name)) continue;
          reported.add(event.name);
          const via = event.where.startsWith(file) ? '' : ` (at ${event.where})`;
          problems.push(`${file}:${line(step)}: job ${jobName}, step ${stepName}: runs ${event.name}${via}, which neither an earlier step of the job installs nor the ${image} image provides`);
        }
      }
    });
  }
}

const unique = [...new Set(problems)];
if (unique.length > 0) {
  for (const p of unique) console.error(p);
  process.exit(1);
}
console.log(`runner-closure: ${workflows.length} workflows, ${jobsSeen} jobs, ${commandsSeen} command runs, each installed by an earlier pinned step or in the runner image's inventory`);
