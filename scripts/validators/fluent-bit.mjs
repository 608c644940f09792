// Fluent Bit's classic configuration ("[SECTION]" headers, "    Key Value" entries) as the chart
// values hold it, and the parts of its runtime behaviour the platform's checks replay: which tags a
// filter matches (Match glob or Match_Regex) and which records a grep filter keeps.
// Fluent Bit evaluates Match_Regex and grep rules with Onigmo; the patterns used here (classes,
// alternation, anchors, negative lookahead) mean the same in JavaScript.

// Keys Fluent Bit accepts more than once in one section.
const MULTI_KEYS = new Set(['exclude', 'regex', 'parsers_file', 'add', 'rule', 'remove', 'rename', 'set']);
const SECTION_KINDS = new Set(['SERVICE', 'INPUT', 'FILTER', 'OUTPUT', 'PARSER', 'MULTILINE_PARSER']);

// parseClassic(TEXT, at, error) → sections [{kind, entries, all, where}]; at(i) names the place of
// TEXT's line i (0-based) for messages; structural problems go to error(message).
export function parseClassic(text, at, error) {
  const sections = [];
  let current = null;
  text.split('\n').forEach((raw, i) => {
    const where = at(i);
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const header = /^\[([A-Z_]+)\]$/.exec(line.trim());
    if (header) {
      if (!SECTION_KINDS.has(header[1])) error(`${where}: unknown section [${header[1]}]`);
      current = { kind: header[1], entries: new Map(), all: [], where };
      sections.push(current);
      return;
    }
    const kv = /^\s{4}(\S+)\s+(.+)$/.exec(line);
    if (!current) return error(`${where}: "${line.trim()}" outside a section`);
    if (!kv) return error(`${where}: expected "    Key Value", got "${line.trim()}"`);
    const k = kv[1].toLowerCase();
    if (current.entries.has(k) && !MULTI_KEYS.has(k)) error(`${where}: duplicate key ${kv[1]} in [${current.kind}]`);
    current.entries.set(k, kv[2]);
    current.all.push([k, kv[2], where]);
  });
  return sections;
}

// matchesTag(SECTION, TAG): Match is a glob where * is any run of characters; Match_Regex a regex.
export function matchesTag(section, tag) {
  const regex = section.entries.get('match_regex');
  if (regex !== undefined) return new RegExp(regex).test(tag);
  const glob = section.entries.get('match');
  if (glob === undefined) return false;
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(tag);
}

// A grep rule's key: a plain field name or a record accessor such as $kubernetes['namespace_name'].
function fieldOf(record, key) {
  const path = key.startsWith('$') ? [...key.slice(1).matchAll(/^([^[]+)|\['([^']+)'\]/g)].map((m) => m[1] ?? m[2]) : [key];
  const value = path.reduce((o, k) => (o == null ? undefined : o[k]), record);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// grepKeeps(SECTION, RECORD): true when the grep filter lets the record through. Without
// Logical_Op every rule applies on its own (a Regex on a missing field drops the record); with
// Logical_Op and/or the Exclude rules drop a record when all/any of them match.
export function grepKeeps(section, record) {
  const rules = section.all
    .filter(([k]) => k === 'regex' || k === 'exclude')
    .map(([k, v]) => {
      const [, key, pattern] = /^(\S+)\s+(.+)$/.exec(v) ?? [];
      const value = key === undefined ? undefined : fieldOf(record, key);
      return { kind: k, hit: value !== undefined && new RegExp(pattern).test(value) };
    });
  const op = (section.entries.get('logical_op') ?? 'legacy').toLowerCase();
  if (op === 'legacy') return rules.every((r) => (r.kind === 'regex' ? r.hit : !r.hit));
  const excludes = rules.filter((r) => r.kind === 'exclude');
  const includes = rules.filter((r) => r.kind === 'regex');
  if (excludes.length > 0) {
    const drop = op === 'and' ? excludes.every((r) => r.hit) : excludes.some((r) => r.hit);
    return !drop;
  }
  return op === 'and' ? includes.every((r) => r.hit) : includes.some((r) => r.hit);
}
