// Repository policy for GitHub workflows, on top of actionlint:
//   - top-level `permissions:` is set (least privilege starts at the workflow);
//   - every job that runs steps has `timeout-minutes`;
//   - every `uses:` of an action is pinned to a full 40-hex commit SHA with a "# vX.Y.Z" comment
//     (local ./ actions excepted); reusable workflows of slsa-github-generator are the one
//     exception and must use a vX.Y.Z tag, as that project requires;
//   - no `pull_request_target` trigger (it runs untrusted code with a write token).
// Usage: node workflow-policy.mjs WORKFLOW... ; problems as file:line: message; exit 1 if any.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';

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

  const jobs = doc.get('jobs', true);
  for (const pair of jobs?.items ?? []) {
    jobsSeen += 1;
    const job = pair.value;
    const name = pair.key.value;
    const reusable = job.get('uses', true);
    if (reusable) {
      uses += 1;
      if (!SLSA.test(String(reusable.value)) && !SHA_PIN.test(String(reusable.value))) {
        report(reusable, `job ${name}: reusable workflow ${reusable.value} is neither SHA-pinned nor an slsa-github-generator tag`);
      }
      continue;
    }
    if (!job.has('timeout-minutes')) report(pair.key, `job ${name} has no timeout-minutes`);
    for (const step of job.get('steps')?.items ?? []) {
      const u = step.get('uses', true);
      if (!u) continue;
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

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`workflow-policy: ${files.length} workflows, ${jobsSeen} jobs, ${uses} action/workflow references pinned; permissions and timeouts set`);
