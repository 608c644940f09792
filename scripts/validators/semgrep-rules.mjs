// Structural check of the custom Semgrep rules (Semgrep itself runs them in scripts/checks/semgrep.sh
// and the GitHub workflows).
//
// Usage: node semgrep-rules.mjs RULES_FILE TESTS_DIR [--split OUT_DIR]
//
// Checks, each reported as file:line: problem:
//   - the file parses and holds a non-empty `rules` list;
//   - rule ids are unique kebab-case; message, severity (ERROR|WARNING|INFO) and languages are set;
//   - metadata.category is "security" and metadata.cwe lists "CWE-<n>: <title>" entries;
//   - each rule has at least one pattern operator;
//   - each rule has a test file TESTS_DIR/<id>.<ext> for its language, with at least one
//     `ruleid: <id>` and one `ok: <id>` annotation, each followed by a code line, and no
//     annotation naming another rule; YAML test files must parse.
// --split writes OUT_DIR/<id>.yaml (one rule) next to a copy of its test file: the layout
// `semgrep --test OUT_DIR` expects (rule foo.yaml is tested against foo.<ext>).
// Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument, stringify } from 'yaml';

const TEST_EXTENSIONS = {
  java: ['.java'],
  yaml: ['.test.yaml', '.test.yml'],
  dockerfile: ['.dockerfile'],
  hcl: ['.tf'],
  terraform: ['.tf'],
  python: ['.py'],
  bash: ['.sh'],
  generic: ['.generic'],
};
const SEVERITIES = new Set(['ERROR', 'WARNING', 'INFO']);
const OPERATORS = ['pattern', 'patterns', 'pattern-either', 'pattern-regex', 'mode'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CWE = /^CWE-\d+: \S.*$/;
const ANNOTATION = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook):\s*([\w.-]+)\s*$/;

function usage(message) {
  console.error(`semgrep-rules: ${message}`);
  console.error('usage: node semgrep-rules.mjs RULES_FILE TESTS_DIR [--split OUT_DIR]');
  process.exit(2);
}

const args = process.argv.slice(2);
const splitAt = args.indexOf('--split');
let splitDir = null;
if (splitAt >= 0) {
  splitDir = args[splitAt + 1];
  if (!splitDir) usage('--split needs a directory');
  args.splice(splitAt, 2);
}
if (args.length !== 2) usage('expected RULES_FILE and TESTS_DIR');
const [rulesFile, testsDir] = args;
if (!existsSync(rulesFile)) usage(`${rulesFile} does not exist`);
if (!existsSync(testsDir)) usage(`${testsDir} does not exist`);

const problems = [];
const report = (file, line, message) => problems.push(`${file}:${line}: ${message}`);

const lineCounter = new LineCounter();
const doc = parseDocument(readFileSync(rulesFile, 'utf8'), { lineCounter });
if (doc.errors.length > 0) {
  for (const e of doc.errors) console.error(`${rulesFile}:${e.linePos?.[0]?.line ?? 1}: ${e.message}`);
  process.exit(1);
}
const rulesNode = doc.get('rules', true);
const rules = doc.toJS()?.rules;
if (!Array.isArray(rules) || rules.length === 0) {
  report(rulesFile, 1, 'no `rules` list');
}

const lineOf = (index) => {
  const node = rulesNode?.items?.[index];
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
};

const seen = new Map();
const testFiles = new Map();
const counts = { ruleid: 0, ok: 0 };
const languages = new Set();

(rules ?? []).forEach((rule, index) => {
  const line = lineOf(index);
  const id = rule?.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    report(rulesFile, line, `rule id ${JSON.stringify(id)} is missing or not kebab-case`);
    return;
  }
  if (seen.has(id)) report(rulesFile, line, `duplicate rule id ${id} (first at line ${seen.get(id)})`);
  seen.set(id, line);
  if (typeof rule.message !== 'string' || rule.message.trim().length < 20) {
    report(rulesFile, line, `${id}: message is missing or too short to guide a fix`);
  }
  if (!SEVERITIES.has(rule.severity)) {
    report(rulesFile, line, `${id}: severity ${JSON.stringify(rule.severity)} is not one of ${[...SEVERITIES].join(', ')}`);
  }
  if (!Array.isArray(rule.languages) || rule.languages.length === 0) {
    report(rulesFile, line, `${id}: languages is missing`);
  }
  const meta = rule.metadata ?? {};
  if (meta.category !== 'security') report(rulesFile, line, `${id}: metadata.category must be "security"`);
  const cwes = Array.isArray(meta.cwe) ? meta.cwe : [];
  if (cwes.length === 0) report(rulesFile, line, `${id}: metadata.cwe is missing`);
  for (const cwe of cwes) {
    if (typeof cwe !== 'string' || !CWE.test(cwe)) report(rulesFile, line, `${id}: CWE entry ${JSON.stringify(cwe)} is not "CWE-<n>: <title>"`);
  }
  if (!OPERATORS.some((op) => op in rule)) report(rulesFile, line, `${id}: no pattern operator (${OPERATORS.join(', ')})`);

  const language = (rule.languages ?? [])[0];
  languages.add(language);
  const extensions = TEST_EXTENSIONS[language];
  if (!extensions) {
    report(rulesFile, line, `${id}: no test file convention for language ${language}`);
    return;
  }
  const testFile = extensions.map((ext) => join(testsDir, `${id}${ext}`)).find((f) => existsSync(f));
  if (!testFile) {
    report(rulesFile, line, `${id}: no test file ${join(testsDir, `${id}${extensions[0]}`)}`);
    return;
  }
  testFiles.set(id, testFile);
  checkTestFile(id, testFile, language);
});

function checkTestFile(id, file, language) {
  const text = readFileSync(file, 'utf8');
  if (language === 'yaml') {
    const parsed = parseDocument(text);
    for (const e of parsed.errors) report(file, e.linePos?.[0]?.line ?? 1, `not valid YAML: ${e.message}`);
  }
  const lines = text.split('\n');
  const found = { ruleid: 0, ok: 0 };
  lines.forEach((content, i) => {
    const m = ANNOTATION.exec(content);
    if (!m) return;
    const [, kind, target] = m;
    if (target !== id) report(file, i + 1, `annotation names ${target}, but this file tests ${id}`);
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    if (next === undefined || ANNOTATION.test(next)) report(file, i + 1, `${kind}: annotation is not followed by a code line`);
    if (kind === 'ruleid' || kind === 'ok') found[kind] += 1;
  });
  if (found.ruleid === 0) report(file, 1, `no "ruleid: ${id}" annotation (a sample the rule must flag)`);
  if (found.ok === 0) report(file, 1, `no "ok: ${id}" annotation (a sample the rule must not flag)`);
  counts.ruleid += found.ruleid;
  counts.ok += found.ok;
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`semgrep-rules: ${problems.length} problem(s)`);
  process.exit(1);
}

if (splitDir) {
  mkdirSync(splitDir, { recursive: true });
  for (const rule of rules) {
    writeFileSync(join(splitDir, `${rule.id}.yaml`), stringify({ rules: [rule] }));
    const testFile = testFiles.get(rule.id);
    copyFileSync(testFile, join(splitDir, basename(testFile)));
  }
}

console.log(
  `semgrep-rules: ${rules.length} rules (${[...languages].sort().join(', ')}), all CWE-mapped; ` +
    `${testFiles.size} test files with ${counts.ruleid} ruleid / ${counts.ok} ok annotations` +
    (splitDir ? `; split into ${splitDir}` : ''),
);
