// Shared helpers of the structural validators: YAML loading with line numbers, key and type checks.
import { readFileSync } from 'node:fs';
import { parseAllDocuments, LineCounter } from 'yaml';

export class Report {
  constructor(name) {
    this.name = name;
    this.errors = [];
  }
  error(where, message) {
    // The same file can be reached twice (directly and through a test suite): report once.
    const line = `${where}: ${message}`;
    if (!this.errors.includes(line)) this.errors.push(line);
  }
  finish(summary) {
    for (const e of this.errors) console.error(`FAIL: ${e}`);
    console.log(`${this.name}: ${summary}, ${this.errors.length} problems`);
    process.exit(this.errors.length > 0 ? 1 : 0);
  }
}

// Every document of a YAML file with its starting line; a syntax error is reported and skipped.
export function loadDocuments(file, report) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`FAIL: ${file}: cannot read (${e.code})`);
    process.exit(2);
  }
  const lines = new LineCounter();
  const out = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    const line = lines.linePos(doc.range[0]).line;
    if (doc.errors.length > 0) {
      report.error(`${file}:${line}`, `YAML error: ${doc.errors[0].message.split('\n')[0]}`);
      continue;
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push({ value, where: `${file}:${line}`, doc, lines, file });
  }
  return out;
}

// Line of a nested node (path of keys/indices) inside a parsed document, for precise messages.
export function lineOf(entry, path) {
  const node = entry.doc.getIn(path, true);
  if (node && node.range) return `${entry.file}:${entry.lines.linePos(node.range[0]).line}`;
  return entry.where;
}

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const TYPES = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  object: isObject,
  array: Array.isArray,
  stringArray: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  any: () => true,
};

// Checks an object against a table { key: type | [type, required] }: unknown keys, missing required
// keys and wrong types are errors. Returns false when the value is not an object at all.
export function checkKeys(report, entry, path, value, table) {
  const where = lineOf(entry, path);
  if (!isObject(value)) {
    report.error(where, `${path.join('.') || 'document'} must be a mapping`);
    return false;
  }
  for (const key of Object.keys(value)) {
    if (!(key in table)) report.error(lineOf(entry, [...path, key]), `unknown key ${[...path, key].join('.')}`);
  }
  for (const [key, spec] of Object.entries(table)) {
    const [type, required] = Array.isArray(spec) ? spec : [spec, false];
    if (!(key in value)) {
      if (required) report.error(where, `missing required key ${[...path, key].join('.')}`);
      continue;
    }
    if (!TYPES[type](value[key])) report.error(lineOf(entry, [...path, key]), `${[...path, key].join('.')} must be ${type}`);
  }
  return true;
}
