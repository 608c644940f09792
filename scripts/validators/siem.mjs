// The SIEM path of Falco's detections, checked end to end without Azure:
//   - every CRITICAL rule of the Falco rules file has exactly one Sentinel analytics rule entry
//     (siem/falco-rules.yaml), with the MITRE tactic and technique of the rule's tags;
//   - Fluent Bit re-tags only the falco container's own lines and sends that tag, and nothing else,
//     to the Logs Ingestion stream the data collection rule declares;
//   - the transformation (siem/falco-events.kql) reads only columns of that stream, uses only what a
//     transformation may (one row in, at most one out; the documented scalar functions), and writes
//     only columns of the target table's published schema (siem/schemas), none of them reserved,
//     TimeGenerated included;
//   - every analytics rule query (siem/*.kql.tftpl) reads a table with a published schema, only its
//     columns or names the query defines, and projects every column the alerts' entities and custom
//     details name.
// Usage: node siem.mjs --falco RULES_FILE --fluent-bit VALUES_FILE SIEM_DIR
// Problems: "file[:line]: message"; exit 1 if any, 2 on usage errors.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseClassic, matchesTag } from './fluent-bit.mjs';
import { analyze, MULTI_ROW } from './kql.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || !args[i + 1]) {
    console.error(`usage: node siem.mjs --falco RULES --fluent-bit VALUES SIEM_DIR (missing ${name})`);
    process.exit(2);
  }
  return args.splice(i, 2)[1];
};
const falcoFile = opt('--falco');
const fluentBitFile = opt('--fluent-bit');
const [dir] = args;
if (!dir) {
  console.error('usage: node siem.mjs --falco RULES --fluent-bit VALUES SIEM_DIR');
  process.exit(2);
}
const problems = [];
const read = (file) => readFileSync(file, 'utf8');

// Scalar functions a data collection rule transformation may call (Azure Monitor, "Structure of
// transformation in Azure Monitor", supported KQL features).
const TRANSFORM_FUNCTIONS = new Set(`binary_and binary_or binary_not binary_shift_left binary_shift_right
  binary_xor tobool todatetime todouble toreal toguid toint tolong tostring totimespan ago datetime_add
  datetime_diff datetime_part dayofmonth dayofweek dayofyear endofday endofmonth endofweek endofyear
  getmonth getyear hourofday make_datetime make_timespan now startofday startofmonth startofweek
  startofyear weekofyear array_concat array_length pack_array pack parse_json parse_xml zip abs bin
  floor ceiling exp exp10 exp2 isfinite isinf isnan log log10 log2 pow round sign case iif max_of
  min_of base64_encodestring base64_decodestring countof extract extract_all indexof isempty isnotempty
  replace split strcat strcat_delim strlen substring tolower toupper hash_sha256 gettype isnotnull
  isnull parse_cef_dictionary geo_location columnifexists`.split(/\s+/));
const STREAM_TYPES = new Set(['string', 'int', 'long', 'real', 'boolean', 'datetime', 'dynamic']);
// Falco tags mitre_<tactic> → Sentinel's tactic names.
const tactic = (tag) => tag.replace(/^mitre_/, '').split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

// --- the rules: Falco's CRITICAL ones, one analytics rule each ---------------------------------------
const siemFile = join(dir, 'falco-rules.yaml');
const siem = parse(read(siemFile));
const critical = new Map();
for (const item of parse(read(falcoFile)) ?? []) {
  if (item?.rule && String(item.priority).toUpperCase() === 'CRITICAL') critical.set(item.rule, item.tags ?? []);
}
const listed = new Map();
for (const r of siem.rules ?? []) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(r.name ?? '')) problems.push(`${siemFile}: rule name '${r.name}' must be lower-case letters, digits and dashes`);
  if (listed.has(r.rule)) problems.push(`${siemFile}: Falco rule '${r.rule}' is listed twice`);
  listed.set(r.rule, r);
  const tags = critical.get(r.rule);
  if (!tags) {
    problems.push(`${siemFile}: '${r.rule}' is not a CRITICAL rule of ${falcoFile}`);
    continue;
  }
  const mitre = tags.find((t) => /^mitre_/.test(t));
  const technique = tags.find((t) => /^T\d{4}(\.\d{3})?$/.test(t));
  if (!mitre || r.tactic !== tactic(mitre)) problems.push(`${siemFile}: '${r.rule}' has tactic ${r.tactic}; its tags say ${mitre ? tactic(mitre) : 'none'}`);
  if (r.technique !== technique) problems.push(`${siemFile}: '${r.rule}' has technique ${r.technique}; its tags say ${technique ?? 'none'}`);
}
for (const rule of critical.keys()) {
  if (!listed.has(rule)) problems.push(`${siemFile}: CRITICAL Falco rule '${rule}' has no Sentinel analytics rule`);
}

// --- the stream and Fluent Bit's side of it ----------------------------------------------------------
const streamFile = join(dir, 'falco-events-stream.yaml');
const stream = parse(read(streamFile));
const streamColumns = new Set((stream.columns ?? []).map((c) => c.name));
if (!/^Custom-\w+$/.test(stream.stream ?? '')) problems.push(`${streamFile}: stream must be named Custom-<name>`);
for (const c of stream.columns ?? []) {
  if (!STREAM_TYPES.has(c.type)) problems.push(`${streamFile}: column ${c.name} has type ${c.type} (one of ${[...STREAM_TYPES].join(', ')})`);
}
{
  const values = parse(read(fluentBitFile));
  const sections = ['filters', 'outputs'].flatMap((k) => parseClassic(values.config?.[k] ?? '', (i) => `${fluentBitFile}: config.${k} line ${i + 1}`, (e) => problems.push(e)));
  const outputs = sections.filter((s) => s.kind === 'OUTPUT' && s.entries.get('name') === 'azure_logs_ingestion' &&
    `Custom-${s.entries.get('table_name')}` === stream.stream);
  if (outputs.length !== 1) {
    problems.push(`${fluentBitFile}: ${outputs.length} azure_logs_ingestion outputs send to stream ${stream.stream}; exactly one must`);
  } else {
    const tag = outputs[0].entries.get('match');
    const rewrites = sections.filter((s) => s.kind === 'FILTER' && s.entries.get('name') === 'rewrite_tag' &&
      s.all.some(([k, v]) => k === 'rule' && v.split(/\s+/)[2] === tag));
    const falco = `kube.var.log.containers.falco-x7k2q_falco_falco-${'a'.repeat(64)}.log`;
    const forged = [`kube.var.log.containers.falco-x7k2q_tenant_falco-${'a'.repeat(64)}.log`,
      `kube.var.log.containers.falco-falcosidekick-6d9f8b7c4-x7k2q_falco_falcosidekick-${'a'.repeat(64)}.log`,
      `kube.var.log.containers.app-x7k2q_tenant_app-${'a'.repeat(64)}.log`];
    if (rewrites.length !== 1) {
      problems.push(`${outputs[0].where}: the Falco stream's tag ${tag} must come from exactly one rewrite_tag filter (found ${rewrites.length})`);
    } else {
      if (!matchesTag(rewrites[0], falco)) problems.push(`${rewrites[0].where}: the rewrite_tag filter does not select the falco container's lines (${falco})`);
      for (const t of forged) {
        if (matchesTag(rewrites[0], t)) problems.push(`${rewrites[0].where}: the rewrite_tag filter also selects ${t}: only the falco container of namespace falco may feed Sentinel`);
      }
    }
  }
}

// --- KQL against the published schemas --------------------------------------------------------------
const schemas = new Map();
for (const f of readdirSync(join(dir, 'schemas')).filter((f) => f.endsWith('.json'))) {
  const s = JSON.parse(read(join(dir, 'schemas', f)));
  schemas.set(s.table, { columns: new Set(s.columns.map((c) => c.name)), reserved: new Set(s.reserved ?? []), file: f });
}
function query(file, text) {
  try {
    return analyze(text);
  } catch (e) {
    problems.push(`${file}: ${e.message}`);
    return null;
  }
}
const unique = (xs) => [...new Set(xs)];

{
  const file = join(dir, 'falco-events.kql');
  const q = query(file, read(file));
  const target = schemas.get('ASimAlertEventLogs');
  if (q && !target) problems.push(`${dir}/schemas: no schema of ASimAlertEventLogs, the transformation's target`);
  if (q && target) {
    if (q.source !== 'source') problems.push(`${file}: a transformation reads the virtual table source, not ${q.source}`);
    for (const op of q.unknown) {
      problems.push(`${file}: ${op} ${MULTI_ROW.has(op) ? 'works on several rows, which a transformation may not' : 'is not an operator this check knows'}`);
    }
    for (const s of q.stages) {
      for (const c of unique(s.reads)) if (!streamColumns.has(c)) problems.push(`${file}: ${s.op} reads ${c}, not a column of ${stream.stream} (${streamFile})`);
      for (const c of unique(s.missing)) problems.push(`${file}: ${s.op} reads ${c}, which an earlier project dropped`);
      for (const f of unique(s.functions)) if (!TRANSFORM_FUNCTIONS.has(f)) problems.push(`${file}: ${f}() is not a function a transformation may call`);
    }
    const output = q.output ?? [...streamColumns];
    for (const c of output) {
      if (!target.columns.has(c)) problems.push(`${file}: writes ${c}, not a column of ASimAlertEventLogs (schemas/${target.file})`);
      else if (target.reserved.has(c)) problems.push(`${file}: writes ${c}, a column the service reserves`);
    }
    if (!output.includes('TimeGenerated')) problems.push(`${file}: the output has no TimeGenerated`);
  }
}

for (const f of readdirSync(dir).filter((f) => f.endsWith('.kql.tftpl'))) {
  const file = join(dir, f);
  // Template placeholders are values (strings) in these queries.
  const q = query(file, read(file).replace(/\$\{[^}]*\}/g, 'placeholder'));
  if (!q) continue;
  const table = schemas.get(q.source);
  if (!table) {
    problems.push(`${file}: reads ${q.source}, a table with no published schema in ${dir}/schemas`);
    continue;
  }
  for (const op of q.unknown) if (!MULTI_ROW.has(op)) problems.push(`${file}: ${op} is not an operator this check knows`);
  for (const s of q.stages) {
    for (const c of unique(s.reads)) if (!table.columns.has(c)) problems.push(`${file}: ${s.op} reads ${c}, not a column of ${q.source} (schemas/${table.file})`);
    for (const c of unique(s.missing)) problems.push(`${file}: ${s.op} reads ${c}, which an earlier project dropped`);
  }
  const output = new Set(q.output ?? table.columns);
  const mapped = [...Object.values(siem.entities ?? {}).flatMap((ids) => Object.values(ids)), ...Object.values(siem.details ?? {})];
  for (const c of mapped) if (!output.has(c)) problems.push(`${siemFile}: entities/details name ${c}, which ${f} does not project`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`siem: ${listed.size} CRITICAL Falco rules with an analytics rule; Fluent Bit feeds ${stream.stream} from the falco container only; the transformation and the rule query use only published columns of ${[...schemas.keys()].join(', ')}`);
