// Checks the hand-maintained scan policies that no upstream tool validates.
//
// Usage:
//   node scan-policies.mjs trivyignore FILE [--today YYYY-MM-DD]
//     every entry: "<ID>  # <reason>, <owner>, <YYYY-MM-DD>" with an owner (@handle or e-mail)
//     and an expiry that is a real date, not passed and at most 366 days ahead; ids unique.
//   node scan-policies.mjs zap-rules FILE
//     every rule line: "<numeric id>\t<IGNORE|WARN|FAIL|INFO>\t(<reason>)", or an OUTOFSCOPE line
//     "<id|*>\tOUTOFSCOPE\t<url regex>"; ids unique; comment lines start with "#".
// Problems are printed as file:line: message. Exit 0 clean, 1 problems, 2 usage error.
import { existsSync, readFileSync } from 'node:fs';

const DAY = 24 * 60 * 60 * 1000;
const MAX_DAYS_AHEAD = 366;

function usage(message) {
  console.error(`scan-policies: ${message}`);
  console.error('usage: node scan-policies.mjs trivyignore FILE [--today YYYY-MM-DD] | zap-rules FILE');
  process.exit(2);
}

function parseDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

function checkTrivyignore(file, lines, today) {
  const problems = [];
  const seen = new Map();
  let entries = 0;
  lines.forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    entries += 1;
    const hash = line.indexOf('#');
    const id = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/)[0];
    if (!/^(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|AVD-[A-Z]+-\d{4}|[A-Z]+-[A-Z0-9]+-\d+)$/.test(id)) {
      problems.push(`${where}: "${id}" is not a CVE, GHSA or AVD identifier`);
    }
    if (seen.has(id)) problems.push(`${where}: ${id} is already accepted at line ${seen.get(id)}`);
    seen.set(id, i + 1);
    if (hash < 0) {
      problems.push(`${where}: ${id} has no "# reason, owner, expiry" comment`);
      return;
    }
    const parts = line.slice(hash + 1).split(',').map((p) => p.trim());
    if (parts.length < 3 || parts.some((p) => p === '')) {
      problems.push(`${where}: ${id} needs "# reason, owner, expiry" (three comma-separated parts)`);
      return;
    }
    const expiryText = parts[parts.length - 1];
    const owner = parts[parts.length - 2];
    const reason = parts.slice(0, -2).join(', ');
    if (reason.length < 10) problems.push(`${where}: ${id} reason "${reason}" does not explain the acceptance`);
    if (!/^(@[\w.-]+(\/[\w.-]+)?|[^@\s]+@[^@\s]+\.[a-z]{2,})$/i.test(owner)) {
      problems.push(`${where}: ${id} owner "${owner}" is not a @handle, @org/team or e-mail address`);
    }
    const expiry = parseDate(expiryText);
    if (!expiry) {
      problems.push(`${where}: ${id} expiry "${expiryText}" is not a YYYY-MM-DD date`);
    } else if (expiry < today) {
      problems.push(`${where}: ${id} expired on ${expiryText}: fix it or renew the acceptance`);
    } else if ((expiry - today) / DAY > MAX_DAYS_AHEAD) {
      problems.push(`${where}: ${id} expiry ${expiryText} is more than ${MAX_DAYS_AHEAD} days ahead`);
    }
  });
  return { problems, summary: `${entries} accepted finding(s), each with reason, owner and an unexpired expiry` };
}

function checkZapRules(file, lines) {
  const problems = [];
  const seen = new Map();
  const counts = { FAIL: 0, WARN: 0, IGNORE: 0, INFO: 0, OUTOFSCOPE: 0 };
  lines.forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const fields = raw.split('\t');
    if (fields.length !== 3) {
      problems.push(`${where}: expected 3 tab-separated fields (id, action, reason), found ${fields.length}`);
      return;
    }
    const [id, action, detail] = fields;
    if (!(action in counts)) {
      problems.push(`${where}: action "${action}" is not one of ${Object.keys(counts).join(', ')}`);
      return;
    }
    counts[action] += 1;
    if (action === 'OUTOFSCOPE') {
      if (!/^(\d+|\*)$/.test(id)) problems.push(`${where}: OUTOFSCOPE id "${id}" must be a rule id or *`);
      try {
        new RegExp(detail);
      } catch (e) {
        problems.push(`${where}: OUTOFSCOPE pattern is not a valid regular expression: ${e.message}`);
      }
      return;
    }
    if (!/^\d+$/.test(id)) problems.push(`${where}: rule id "${id}" is not numeric`);
    if (seen.has(id)) problems.push(`${where}: rule ${id} is already set at line ${seen.get(id)}`);
    seen.set(id, i + 1);
    if (!/^\(.{10,}\)$/.test(detail)) problems.push(`${where}: rule ${id} needs a reason in parentheses`);
  });
  if (seen.size === 0) problems.push(`${file}:1: no rules`);
  const summary = `${seen.size} rules (${counts.FAIL} FAIL, ${counts.WARN} WARN, ${counts.IGNORE} IGNORE)`;
  return { problems, summary };
}

const args = process.argv.slice(2);
const [kind, file] = args;
if (!kind || !file) usage('missing arguments');
if (!existsSync(file)) usage(`${file} does not exist`);
let today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const todayAt = args.indexOf('--today');
if (todayAt >= 0) {
  today = parseDate(args[todayAt + 1] ?? '');
  if (!today) usage('--today needs a YYYY-MM-DD date');
}
const lines = readFileSync(file, 'utf8').split('\n');
let result;
if (kind === 'trivyignore') result = checkTrivyignore(file, lines, today);
else if (kind === 'zap-rules') result = checkZapRules(file, lines);
else usage(`unknown policy kind ${kind}`);

if (result.problems.length > 0) {
  for (const p of result.problems) console.error(p);
  process.exit(1);
}
console.log(`${kind}: ${file}: ${result.summary}`);
