// References that must stay true:
//   - every alert in observability/prometheus/rules has a runbook_url into this repository whose file
//     exists and says what the alert means, how to confirm, mitigate and escalate;
//   - every repository path a README (any *.md) or a YAML comment names exists: a file renamed or
//     removed without its mentions is a dead reference.
// A path counts when it starts with a top-level folder of the repository (app/, bootstrap/, docs/,
// infra/, kubernetes/, observability/, scripts/, security/, .github/) or, in a README, with a folder
// beside it; placeholders (<env>, {a,b}, *) are skipped.
// Usage: node repo-references.mjs REPO_ROOT FILE... ; problems as "file:line: message"; exit 1 if any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const [root, ...files] = process.argv.slice(2);
if (!root || files.length === 0) {
  console.error('usage: node repo-references.mjs REPO_ROOT FILE...');
  process.exit(2);
}
const TOP = ['app', 'bootstrap', 'docs', 'infra', 'kubernetes', 'observability', 'scripts', 'security', '.github'];
const RUNBOOK_BASE = 'https://github.com/aks-devsecops/platform/blob/main/';
const SECTIONS = ['What it means', 'How to confirm', 'How to mitigate', 'How to escalate'];
const problems = [];
let references = 0;
let alerts = 0;

// Candidate paths in a piece of text: runs of path characters with at least one slash.
function candidates(text) {
  return [...text.matchAll(/(?<![\w.:/@-])(\.github|[A-Za-z0-9_][\w.-]*)\/[\w./-]*[\w-]/g)].map((m) => m[0]);
}

// A README may name paths beside it (values.yaml, tests/) or from the repository root; either counts.
function exists(path, baseDir, allowRelative) {
  const clean = path.replace(/\/$/, '');
  const top = clean.split('/')[0];
  const relativeHere = allowRelative && existsSync(join(baseDir, top));
  if (!TOP.includes(top) && !relativeHere) return { checked: false };
  return { checked: true, ok: existsSync(join(root, clean)) || (relativeHere && existsSync(join(baseDir, clean))) };
}

function checkText(file, lineNo, text, allowRelative) {
  for (const raw of candidates(text)) {
    // Placeholders and URLs are not repository paths.
    // Placeholders, URLs, chart references (repo/chart@version) and build output are not paths here.
    const at = text.indexOf(raw);
    const before = text.slice(0, at);
    const next = text[at + raw.length] ?? '';
    if (/https?:\/\/\S*$/.test(before) || /[<>{}*@]/.test(next) || raw.includes('...') || /(^|\/)target(\/|$)/.test(raw)) continue;
    const path = raw.replace(/[.,;:]+$/, '');
    const r = exists(path, dirname(join(root, file)), allowRelative);
    if (!r.checked) continue;
    references++;
    if (!r.ok) problems.push(`${file}:${lineNo}: ${path} does not exist`);
  }
}

for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  const lines = text.split('\n');
  if (file.endsWith('.md')) {
    let fenced = false;
    lines.forEach((l, i) => {
      if (/^```/.test(l)) fenced = !fenced;
      checkText(file, i + 1, l, true);
    });
  } else {
    lines.forEach((l, i) => {
      const c = l.indexOf('#');
      if (c >= 0 && (c === 0 || /\s/.test(l[c - 1]))) checkText(file, i + 1, l.slice(c + 1), false);
    });
  }
  if (/\.ya?ml$/.test(file) && /^kind:\s*PrometheusRule\s*$/m.test(text)) {
    for (const doc of parseAllDocuments(text)) {
      for (const group of doc.toJS()?.spec?.groups ?? []) {
        for (const rule of group.rules ?? []) {
          if (!rule.alert) continue;
          alerts++;
          const line = lines.findIndex((l) => new RegExp(`alert:\\s*${rule.alert}\\s*$`).test(l)) + 1;
          const url = rule.annotations?.runbook_url;
          if (!url) {
            problems.push(`${file}:${line}: alert ${rule.alert} has no runbook_url`);
            continue;
          }
          if (!url.startsWith(RUNBOOK_BASE)) {
            problems.push(`${file}:${line}: alert ${rule.alert}: runbook_url ${url} is not a file of this repository`);
            continue;
          }
          const target = url.slice(RUNBOOK_BASE.length);
          if (!existsSync(join(root, target))) {
            problems.push(`${file}:${line}: alert ${rule.alert}: runbook ${target} does not exist`);
            continue;
          }
          const body = readFileSync(join(root, target), 'utf8');
          for (const s of SECTIONS) {
            if (!new RegExp(`^##+\\s+${s}\\s*$`, 'm').test(body)) problems.push(`${target}:1: runbook of ${rule.alert} has no "${s}" section`);
          }
          if (!body.includes(rule.alert)) problems.push(`${target}:1: runbook does not name the alert ${rule.alert} it serves`);
        }
      }
    }
  }
}

if (problems.length > 0) {
  for (const p of [...new Set(problems)]) console.error(p);
  process.exit(1);
}
console.log(`repo-references: ${files.length} files, ${references} repository paths exist, ${alerts} alerts with a runbook`);
