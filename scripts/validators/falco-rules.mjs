// Structural check of Falco rules files (Falco's own `falco -V` cannot run here; the policy-tests
// workflow runs it). Follows the rules-file reference: every item is exactly one of rule, macro, list,
// required_engine_version or required_plugin_versions, with known keys and types; rules have desc,
// condition, output and a valid priority; every macro and list a condition names is defined in the
// file (or is one of Falco's own fields/operators), nothing defined goes unused; every rule carries a
// MITRE ATT&CK tactic tag (mitre_*) and technique id (T####); exceptions are well-formed. The seed
// detections of the platform must be present with their specified priority and technique.
// Workloads are exempted by identity, never by namespace alone: an exception whose fields select
// workloads (k8s.*, container.name, container.image*) must name both k8s.ns.name and the image, and
// every way a negated part of a condition (macros expanded) can hold must constrain both too; a
// namespace excluded with != is rejected the same way.
//
// Usage: node falco-rules.mjs FILE...    exit 0 valid, 1 problems, 2 unreadable input
import { Report, loadDocuments, checkKeys, isObject } from './lib.mjs';

const report = new Report('falco-rules');

// The seven detections the platform promises (name -> priority, MITRE technique).
const SEED = {
  'Shell spawned in container': ['CRITICAL', 'T1059'],
  'Write to sensitive file': ['CRITICAL', 'T1098'],
  'Unexpected outbound connection': ['WARNING', 'T1071'],
  'Setuid binary execution': ['CRITICAL', 'T1548'],
  'Container drift detected': ['CRITICAL', 'T1611'],
  'Crypto mining activity': ['CRITICAL', 'T1496'],
  'Kubernetes API access from pod': ['CRITICAL', 'T1613'],
};
const PRIORITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'INFO', 'DEBUG'];
const RULE = {
  rule: ['string', true], desc: 'string', condition: 'string', output: 'string', priority: 'string', tags: 'stringArray',
  enabled: 'boolean', exceptions: 'array', source: 'string', append: 'boolean', override: 'object', warn_evttypes: 'boolean',
  'skip-if-unknown-filter': 'boolean', capture: 'boolean', capture_duration: 'integer',
};
const MACRO = { macro: ['string', true], condition: ['string', true], append: 'boolean', override: 'object' };
const LIST = { list: ['string', true], items: ['array', true], append: 'boolean', override: 'object' };
const EXCEPTION = { name: ['string', true], fields: 'any', comps: 'any', values: 'array' };
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'intersects', 'pmatch', 'exists', 'contains', 'icontains', 'bcontains',
  'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex', 'true', 'false']);
const COMPARISONS = new Set(['=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'bcontains', 'startswith',
  'bstartswith', 'endswith', 'glob', 'iglob', 'regex']);
const SET_OPERATORS = new Set(['in', 'intersects', 'pmatch']);

// Tokens of a condition: quoted strings, parentheses, commas, operators and words.
function tokenize(condition) {
  return condition.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[(),]|!=|==|<=|>=|[=<>]|[^\s(),=<>!"']+/g) ?? [];
}

// Names a condition refers to as macros (bare words in operand position) and lists (words inside the
// parentheses of in/intersects/pmatch). Fields contain a dot; literals follow comparison operators.
function references(condition) {
  const tokens = tokenize(condition);
  const macros = [];
  const lists = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (SET_OPERATORS.has(t) && tokens[i + 1] === '(') {
      let depth = 0;
      for (i = i + 1; i < tokens.length; i++) {
        if (tokens[i] === '(') depth++;
        else if (tokens[i] === ')' && --depth === 0) break;
        else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokens[i])) lists.push(tokens[i]);
      }
      continue;
    }
    if (COMPARISONS.has(t)) {
      i++; // the operand after a comparison is a literal value
      continue;
    }
    if (/^[a-z_][a-z0-9_]*$/.test(t) && !KEYWORDS.has(t)) macros.push(t);
  }
  return { macros, lists };
}

// Condition AST: or/and/not nodes over comparisons (field op value) and macro references.
function parseCondition(condition) {
  const tokens = tokenize(condition);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (what) => {
    throw new Error(`${what} at token ${i + 1} (${tokens[i] ?? 'end'})`);
  };
  // `or` binds looser than `and`: a chain of one operator over operands of the tighter level.
  function chain(op, operand) {
    const items = [operand()];
    while (peek() === op) {
      i++;
      items.push(operand());
    }
    return items.length === 1 ? items[0] : { op, items };
  }
  const andExpr = () => chain('and', unary);
  const orExpr = () => chain('or', andExpr);
  function unary() {
    if (peek() === 'not') {
      i++;
      return { op: 'not', item: unary() };
    }
    if (peek() === '(') {
      i++;
      const e = orExpr();
      if (tokens[i++] !== ')') fail('expected )');
      return e;
    }
    const word = tokens[i++];
    if (word === undefined) fail('unexpected end');
    const next = peek();
    if (word.includes('.') && (COMPARISONS.has(next) || SET_OPERATORS.has(next))) {
      i++;
      if (SET_OPERATORS.has(next)) {
        if (tokens[i++] !== '(') fail(`expected ( after ${next}`);
        let depth = 1;
        while (i < tokens.length && depth > 0) {
          if (tokens[i] === '(') depth++;
          else if (tokens[i] === ')') depth--;
          i++;
        }
      } else {
        i++; // the value
      }
      return { op: 'cmp', field: word.replace(/\[.*$/, ''), cmp: next };
    }
    if (word.includes('.') && next === 'exists') {
      i++;
      return { op: 'cmp', field: word, cmp: 'exists' };
    }
    if (/^[a-z_][a-z0-9_]*$/.test(word)) return { op: 'macro', name: word };
    return fail(`unexpected ${word}`);
  }
  const ast = orExpr();
  if (i !== tokens.length) fail('trailing tokens');
  return ast;
}

const NAMESPACE = 'k8s.ns.name';
const IMAGE = new Set(['container.image.repository', 'container.image']);
const selectsWorkload = (field) => /^k8s\./.test(field) || field === 'container.name' || field.startsWith('container.image');

// Each way `node` can be true, as the set of identity kinds ('ns', 'image') it pins down.
function identityPaths(node, resolve, depth = 0) {
  if (depth > 50) return [new Set()];
  switch (node.op) {
    case 'cmp': {
      const kinds = new Set();
      if (node.cmp !== '!=' && node.field === NAMESPACE) kinds.add('ns');
      if (node.cmp !== '!=' && IMAGE.has(node.field)) kinds.add('image');
      return [kinds];
    }
    case 'macro': {
      const m = resolve(node.name);
      return m ? identityPaths(m, resolve, depth + 1) : [new Set()];
    }
    case 'not':
      return [new Set()];
    case 'or':
      return node.items.flatMap((n) => identityPaths(n, resolve, depth + 1));
    case 'and':
      return node.items.reduce((acc, n) => {
        const next = identityPaths(n, resolve, depth + 1);
        return acc.flatMap((a) => next.map((b) => new Set([...a, ...b]))).slice(0, 1000);
      }, [new Set()]);
    default:
      return [new Set()];
  }
}

function mentionsWorkload(node, resolve, depth = 0) {
  if (depth > 50) return false;
  switch (node.op) {
    case 'cmp':
      return selectsWorkload(node.field);
    case 'macro': {
      const m = resolve(node.name);
      return m ? mentionsWorkload(m, resolve, depth + 1) : false;
    }
    case 'not':
      return mentionsWorkload(node.item, resolve, depth + 1);
    default:
      return node.items.some((n) => mentionsWorkload(n, resolve, depth + 1));
  }
}

// Walks a rule condition; `not X` in a positive position is an exemption and must identify workloads.
function findNamespaceExemptions(node, resolve, positive, out, depth = 0) {
  if (depth > 50) return;
  switch (node.op) {
    case 'cmp':
      if (positive && node.field === NAMESPACE && node.cmp === '!=') out.push(`${NAMESPACE} != ...`);
      return;
    case 'macro': {
      const m = resolve(node.name);
      if (m) findNamespaceExemptions(m, resolve, positive, out, depth + 1);
      return;
    }
    case 'not':
      if (positive && mentionsWorkload(node.item, resolve)) {
        const loose = identityPaths(node.item, resolve).filter((k) => !(k.has('ns') && k.has('image')));
        if (loose.length > 0) out.push(`not (${describe(node.item)})`);
      }
      findNamespaceExemptions(node.item, resolve, !positive, out, depth + 1);
      return;
    default:
      for (const n of node.items) findNamespaceExemptions(n, resolve, positive, out, depth + 1);
  }
}
const describe = (n) => (n.op === 'macro' ? n.name : n.op === 'cmp' ? `${n.field} ${n.cmp} ...` : n.op === 'not' ? `not ${describe(n.item)}` : n.items.map(describe).join(` ${n.op} `));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: falco-rules.mjs FILE...');
  process.exit(2);
}
const macros = new Map();
const lists = new Map();
const rules = [];
for (const file of files) {
  for (const entry of loadDocuments(file, report)) {
    if (!Array.isArray(entry.value)) {
      report.error(entry.where, 'a Falco rules file is a YAML sequence of items');
      continue;
    }
    entry.value.forEach((item, i) => {
      const path = [i];
      const where = `${file}:${entry.lines.linePos(entry.doc.getIn(path, true).range[0]).line}`;
      if (!isObject(item)) {
        report.error(where, 'item must be a mapping');
        return;
      }
      const kinds = ['rule', 'macro', 'list', 'required_engine_version', 'required_plugin_versions'].filter((k) => k in item);
      if (kinds.length !== 1) {
        report.error(where, `item must be exactly one of rule, macro, list, required_*; has ${kinds.join(', ') || 'none'}`);
        return;
      }
      const kind = kinds[0];
      if (kind === 'macro' && checkKeys(report, entry, path, item, MACRO)) {
        if (macros.has(item.macro) && !item.append) report.error(where, `macro ${item.macro} defined twice`);
        macros.set(item.macro, { where, refs: references(item.condition), ast: parsed(item.condition, where, `macro ${item.macro}`) });
      } else if (kind === 'list' && checkKeys(report, entry, path, item, LIST)) {
        if (lists.has(item.list) && !item.append) report.error(where, `list ${item.list} defined twice`);
        const refs = item.items.filter((x) => typeof x === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(x));
        lists.set(item.list, { where, refs: { macros: [], lists: refs } });
      } else if (kind === 'rule' && checkKeys(report, entry, path, item, RULE)) {
        rules.push({ item, where });
      }
    });
  }
}

function parsed(condition, where, owner) {
  try {
    return parseCondition(condition);
  } catch (e) {
    report.error(where, `${owner}: cannot parse condition: ${e.message}`);
    return null;
  }
}
const resolveMacro = (name) => macros.get(name)?.ast ?? null;

const used = new Set();
function resolveRefs(refs, where, owner) {
  for (const m of refs.macros) {
    if (macros.has(m)) used.add(`macro:${m}`);
    else report.error(where, `${owner} uses undefined macro ${m}`);
  }
  for (const l of refs.lists) {
    if (lists.has(l)) used.add(`list:${l}`);
    else if (l.startsWith('dso_')) report.error(where, `${owner} uses undefined list ${l}`);
  }
}
for (const [name, m] of macros) resolveRefs(m.refs, m.where, `macro ${name}`);
for (const [name, l] of lists) resolveRefs(l.refs, l.where, `list ${name}`);

const seen = new Map();
for (const { item, where } of rules) {
  const name = item.rule;
  if (seen.has(name) && !item.append) report.error(where, `rule "${name}" defined twice`);
  seen.set(name, item);
  if (item.append || item.override) continue;
  for (const key of ['desc', 'condition', 'output', 'priority']) {
    if (!(key in item)) report.error(where, `rule "${name}" needs ${key}`);
  }
  if (item.priority && !PRIORITIES.includes(item.priority.toUpperCase())) {
    report.error(where, `rule "${name}" priority ${item.priority} is not one of ${PRIORITIES.join(', ')}`);
  }
  const tags = item.tags ?? [];
  if (!tags.some((t) => /^mitre_[a-z_]+$/.test(t))) report.error(where, `rule "${name}" has no MITRE ATT&CK tactic tag (mitre_*)`);
  if (!tags.some((t) => /^T\d{4}(\.\d{3})?$/.test(t))) report.error(where, `rule "${name}" has no MITRE ATT&CK technique tag (T####)`);
  if (item.condition) {
    resolveRefs(references(item.condition), where, `rule "${name}"`);
    const ast = parsed(item.condition, where, `rule "${name}"`);
    const loose = [];
    if (ast) findNamespaceExemptions(ast, resolveMacro, true, loose);
    for (const l of new Set(loose)) report.error(where, `rule "${name}" exempts by namespace without the workload's image: ${l}`);
  }
  if (item.output && !/%[a-z]+\.[a-z_.]+/.test(item.output)) report.error(where, `rule "${name}" output names no event field (%field)`);
  for (const ex of item.exceptions ?? []) {
    if (!isObject(ex) || typeof ex.name !== 'string') {
      report.error(where, `rule "${name}": every exception needs a name`);
      continue;
    }
    for (const k of Object.keys(ex)) if (!(k in EXCEPTION)) report.error(where, `rule "${name}" exception ${ex.name}: unknown key ${k}`);
    const fields = Array.isArray(ex.fields) ? ex.fields : [ex.fields];
    if (ex.fields === undefined || fields.some((f) => typeof f !== 'string' || !f.includes('.'))) report.error(where, `rule "${name}" exception ${ex.name}: fields must be event fields`);
    if (Array.isArray(ex.fields) && ex.comps !== undefined && (!Array.isArray(ex.comps) || ex.comps.length !== fields.length)) {
      report.error(where, `rule "${name}" exception ${ex.name}: comps must match fields one to one`);
    }
    for (const v of ex.values ?? []) {
      if (Array.isArray(ex.fields) && (!Array.isArray(v) || v.length !== fields.length)) report.error(where, `rule "${name}" exception ${ex.name}: each values entry needs ${fields.length} items`);
    }
    const comps = Array.isArray(ex.comps) ? ex.comps : fields.map(() => ex.comps ?? (Array.isArray(ex.fields) ? '=' : 'in'));
    const pinned = fields.filter((f, k) => typeof f === 'string' && comps[k] !== '!=');
    if (fields.some((f) => typeof f === 'string' && selectsWorkload(f)) && !(pinned.includes(NAMESPACE) && pinned.some((f) => IMAGE.has(f)))) {
      report.error(where, `rule "${name}" exception ${ex.name} selects workloads by ${fields.join(', ')}: it must name both ${NAMESPACE} and container.image.repository`);
    }
  }
}
for (const [name, m] of macros) if (!used.has(`macro:${name}`)) report.error(m.where, `macro ${name} is defined but never used`);
for (const [name, l] of lists) if (!used.has(`list:${name}`)) report.error(l.where, `list ${name} is defined but never used`);
for (const [name, [priority, technique]] of Object.entries(SEED)) {
  const r = seen.get(name);
  if (!r) {
    report.error(files.join(','), `seed rule "${name}" is missing`);
    continue;
  }
  if ((r.priority ?? '').toUpperCase() !== priority) report.error(files.join(','), `rule "${name}" must have priority ${priority}, has ${r.priority}`);
  if (!(r.tags ?? []).includes(technique)) report.error(files.join(','), `rule "${name}" must carry MITRE technique ${technique}`);
}
report.finish(`${rules.length} rules, ${macros.size} macros, ${lists.size} lists in ${files.length} files`);
