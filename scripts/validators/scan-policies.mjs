// Checks the hand-maintained scan policies that no upstream tool validates.
//
// (The vulnerability ignore list is checked by the gate itself: scripts/checks/vulnerability-ignores.sh.)
//
// Usage:
//   node scan-policies.mjs zap-rules FILE
//     every rule line: "<numeric id>\t<IGNORE|WARN|FAIL|INFO>\t(<reason>)", or an OUTOFSCOPE line
//     "<id|*>\tOUTOFSCOPE\t<url regex>"; ids unique; comment lines start with "#".
// Problems are printed as file:line: message. Exit 0 clean, 1 problems, 2 usage error.
import { existsSync, readFileSync } from 'node:fs';

function usage(message) {
  console.error(`scan-policies: ${message}`);
  console.error('usage: node scan-policies.mjs zap-rules FILE');
  process.exit(2);
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
const lines = readFileSync(file, 'utf8').split('\n');
let result;
if (kind === 'zap-rules') result = checkZapRules(file, lines);
else usage(`unknown policy kind ${kind}`);

if (result.problems.length > 0) {
  for (const p of result.problems) console.error(p);
  process.exit(1);
}
console.log(`${kind}: ${file}: ${result.summary}`);
