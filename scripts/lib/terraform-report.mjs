// Turns the plans scripts/terraform-ci.sh leaves in a directory (<stack>.json = `terraform show -json`
// of the saved plan, <stack>.exitcode = 0 | 2 | skipped) into what the terraform workflow posts:
//
//   comment --env ENV DIR
//     the plan report the apply's reviewers read in the run's summary before they approve: a marker
//     per environment, adds/changes/destroys per stack, the changed attributes of updates with
//     sensitive values masked, and drift outside Terraform.
//   drift --env ENV --issues ISSUES_JSON DIR
//     the issue actions for the nightly drift check, one issue per drifted stack: JSON lines
//     {"action":"open","title","body"} | {"action":"update","number","body"} |
//     {"action":"close","number","comment"}. ISSUES_JSON is `gh issue list --json number,title`
//     of the open drift issues.
//
// Values marked sensitive (before_sensitive/after_sensitive) never reach the output. Exit 0, or 2 on
// usage errors, 1 on an unreadable plan.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const STACKS = ['aks', 'security', 'monitoring'];
const LIMIT = 40;
const args = process.argv.slice(2);
const command = args.shift();
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const env = option('--env');
const issuesFile = option('--issues');
const dir = args[0];
if (!['comment', 'drift'].includes(command) || !env || !dir || (command === 'drift' && !issuesFile)) {
  console.error('usage: node terraform-report.mjs comment --env ENV DIR | drift --env ENV --issues ISSUES_JSON DIR');
  process.exit(2);
}

function read(stack) {
  const codeFile = join(dir, `${stack}.exitcode`);
  const code = existsSync(codeFile) ? readFileSync(codeFile, 'utf8').trim() : 'missing';
  if (code === 'skipped' || code === 'missing') return { stack, code };
  let plan;
  try {
    plan = JSON.parse(readFileSync(join(dir, `${stack}.json`), 'utf8'));
  } catch (e) {
    console.error(`${join(dir, `${stack}.json`)}: not a terraform show -json plan (${e.message})`);
    process.exit(1);
  }
  return { stack, code, plan };
}

const kind = (actions) => {
  const a = actions.join(',');
  if (a === 'create') return 'create';
  if (a === 'delete') return 'destroy';
  if (a === 'update') return 'update';
  if (a === 'delete,create' || a === 'create,delete') return 'replace';
  return null; // no-op, read
};

// Top-level attributes an update changes, sensitive ones masked, unknown ones named as such.
function changedAttributes(change) {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const out = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const unknown = change.after_unknown?.[key] === true;
    if (!unknown && JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const sensitive = Boolean(change.before_sensitive?.[key]) || Boolean(change.after_sensitive?.[key]);
    const show = (v) => {
      if (sensitive) return '(sensitive)';
      const text = JSON.stringify(v) ?? 'null';
      return text.length > 60 ? `${text.slice(0, 57)}...` : text;
    };
    out.push(`${key}: ${show(before[key])} → ${unknown ? '(known after apply)' : show(after[key])}`);
  }
  return out;
}

const code = (text) => `\`${String(text).replace(/`/g, "'")}\``;

function summarise({ plan }) {
  const counts = { create: 0, update: 0, replace: 0, destroy: 0 };
  const lines = [];
  for (const rc of plan.resource_changes ?? []) {
    const k = kind(rc.change?.actions ?? []);
    if (!k) continue;
    counts[k] += 1;
    if (lines.length < LIMIT) {
      const attrs = k === 'update' ? changedAttributes(rc.change) : [];
      lines.push(`- ${k} ${code(rc.address)}${attrs.length ? `: ${attrs.map(code).join(', ')}` : ''}`);
    }
  }
  const total = counts.create + counts.update + counts.replace + counts.destroy;
  if (total > LIMIT) lines.push(`- … and ${total - LIMIT} more (see the job log)`);
  const drift = (plan.resource_drift ?? []).filter((d) => kind(d.change?.actions ?? []));
  return { counts, lines, drift, total };
}

const results = STACKS.map(read);

if (command === 'comment') {
  const out = [`<!-- terraform-plan:${env} -->`, `### Terraform plan: ${env}`, '',
    '| stack | add | change | replace | destroy | drift outside Terraform |', '|---|---|---|---|---|---|'];
  const details = [];
  for (const r of results) {
    if (!r.plan) {
      out.push(`| ${r.stack} | — | — | — | — | ${r.code === 'skipped' ? 'not planned: the aks outputs it needs do not exist yet' : 'no plan'} |`);
      continue;
    }
    const s = summarise(r);
    out.push(`| ${r.stack} | ${s.counts.create} | ${s.counts.update} | ${s.counts.replace} | ${s.counts.destroy} | ${s.drift.length} |`);
    if (s.total > 0 || s.drift.length > 0) {
      details.push('', `<details><summary>${r.stack}: ${s.total} change(s)</summary>`, '', ...s.lines);
      for (const d of s.drift.slice(0, LIMIT)) details.push(`- changed outside Terraform: ${code(d.address)}`);
      details.push('', '</details>');
    }
  }
  out.push(...details, '', `Sensitive values are masked. The apply plans again and applies once the \`terraform-apply-${env}\` environment's reviewers approve it.`);
  console.log(out.join('\n'));
} else {
  let open;
  try {
    open = JSON.parse(readFileSync(issuesFile, 'utf8'));
  } catch (e) {
    console.error(`${issuesFile}: not gh issue list JSON (${e.message})`);
    process.exit(1);
  }
  for (const r of results) {
    if (!r.plan) continue; // a stack that could not be planned says nothing about drift
    const title = `Terraform drift: ${r.stack} (${env})`;
    const existing = open.find((i) => i.title === title);
    const s = summarise(r);
    const drifted = r.code === '2' || s.total > 0 || s.drift.length > 0;
    if (drifted) {
      const body = [`The nightly \`terraform plan -detailed-exitcode\` of **${r.stack}** in **${env}** differs from the code.`, '',
        `add ${s.counts.create}, change ${s.counts.update}, replace ${s.counts.replace}, destroy ${s.counts.destroy}; ${s.drift.length} resource(s) changed outside Terraform.`,
        '', ...s.lines, ...s.drift.slice(0, LIMIT).map((d) => `- changed outside Terraform: ${code(d.address)}`),
        '', 'Sensitive values are masked. Bring the code or the resources back in line; this issue closes itself once the plan is empty.'].join('\n');
      console.log(JSON.stringify(existing ? { action: 'update', number: existing.number, body } : { action: 'open', title, body }));
    } else if (existing) {
      console.log(JSON.stringify({ action: 'close', number: existing.number, comment: `The nightly plan of ${r.stack} in ${env} is empty again: drift resolved.` }));
    }
  }
}
