// Just enough of the Kusto Query Language to say which tables, columns and functions a query uses:
// a tokenizer, the pipeline split at top-level "|", and per operator the names it reads and the
// columns it leaves. Operators outside TABULAR are reported, not interpreted.
// Grammar facts from the KQL reference (docs/kusto: operators project, extend, where, parse,
// project-away, project-rename; identifier quoting ['name']; // comments).

// Words that are operators or literals inside an expression, never column names.
const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'has', 'has_cs', 'has_any', 'has_all', 'contains', 'contains_cs',
  'startswith', 'startswith_cs', 'endswith', 'endswith_cs', 'matches', 'regex', 'between', 'true',
  'false', 'null', 'by', 'with', 'kind', 'asc', 'desc',
]);
// Operators whose arguments are "Name = expression" or "expression" items (the ones used here).
export const TABULAR = new Set(['where', 'extend', 'project', 'project-away', 'project-rename', 'parse']);
// Operators that read several rows: a data collection rule transformation may not use them.
export const MULTI_ROW = new Set(['summarize', 'join', 'union', 'top', 'sort', 'order', 'take', 'limit',
  'distinct', 'mv-expand', 'make-series', 'count', 'render', 'lookup', 'sample']);

// tokenize(TEXT) → [{t: 'id'|'str'|'num'|'op', v}] without comments; ['x'] and ["x"] become ids.
export function tokenize(text) {
  const tokens = [];
  const src = text.replace(/\/\/[^\n]*/g, ' ');
  const re = /\s+|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\$\{[^}]*\})|([A-Za-z_][A-Za-z0-9_]*(?:-[a-z]+)*)|(\d+(?:\.\d+)?)|(==|!=|=~|!~|<=|>=|[|(),=.[\]<>+\-*/%!])/gy;
  let m;
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    m = re.exec(src);
    if (!m || m.index !== at) throw new Error(`cannot read KQL at "${src.slice(at, at + 20)}"`);
    const prev = tokens[tokens.length - 1];
    const indexing = prev && (prev.t === 'id' || (prev.t === 'op' && (prev.v === ')' || prev.v === ']')));
    if ((m[1] !== undefined || m[2] !== undefined) && indexing) {
      // value["key"]: an index into a dynamic value, not a quoted column name
      tokens.push({ t: 'op', v: '[' }, { t: 'str', v: m[1] ?? m[2] }, { t: 'op', v: ']' });
    } else if (m[1] !== undefined || m[2] !== undefined) tokens.push({ t: 'id', v: m[1] ?? m[2], quoted: true });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ t: 'str', v: m[3] ?? m[4] });
    else if (m[5] !== undefined) tokens.push({ t: 'str', v: m[5] });
    else if (m[6] !== undefined && (!m[6].includes('-') || TABULAR.has(m[6]) || MULTI_ROW.has(m[6]))) tokens.push({ t: 'id', v: m[6] });
    else if (m[6] !== undefined) {
      // a-b is a subtraction unless it is a dashed operator name (project-away, mv-expand).
      m[6].split('-').forEach((part, i) => {
        if (i > 0) tokens.push({ t: 'op', v: '-' });
        tokens.push({ t: 'id', v: part });
      });
    }
    else if (m[7] !== undefined) tokens.push({ t: 'num', v: m[7] });
    else if (m[8] !== undefined) tokens.push({ t: 'op', v: m[8] });
  }
  return tokens;
}

// Splits TOKENS at top-level occurrences of the operator SEP.
function split(tokens, sep) {
  const parts = [[]];
  let depth = 0;
  for (const tok of tokens) {
    if (tok.t === 'op' && (tok.v === '(' || tok.v === '[')) depth++;
    if (tok.t === 'op' && (tok.v === ')' || tok.v === ']')) depth--;
    if (depth === 0 && tok.t === 'op' && tok.v === sep) parts.push([]);
    else parts[parts.length - 1].push(tok);
  }
  return parts;
}

// The column names an expression reads and the functions it calls.
function reads(expr) {
  const columns = [];
  const functions = [];
  expr.forEach((tok, i) => {
    if (tok.t !== 'id') return;
    const next = expr[i + 1];
    const prev = expr[i - 1];
    if (!tok.quoted && KEYWORDS.has(tok.v.toLowerCase())) return;
    if (!tok.quoted && next?.t === 'op' && next.v === '(') return functions.push(tok.v);
    if (prev?.t === 'op' && prev.v === '.') return; // member of a dynamic value
    if (!tok.quoted && prev?.t === 'op' && prev.v === '!' && tok.v === 'in') return;
    columns.push(tok.v);
  });
  return { columns, functions };
}

// analyze(TEXT) → {source, stages: [{op, reads, missing, functions, defines}], output, unknown}:
// reads are the input columns a stage uses (before any project), missing the names it uses that no
// longer exist (dropped by an earlier project), output the columns after the last project (null
// when there is none: every input column passes through), unknown the operators not interpreted.
export function analyze(text) {
  const stages = split(tokenize(text), '|');
  const head = stages.shift();
  if (head.length !== 1 || head[0].t !== 'id') throw new Error('the query must start with one table (or source)');
  const result = { source: head[0].v, stages: [], output: null, unknown: [] };
  const local = new Set(); // names defined so far by extend or project
  let closed = false; // after a project, only its columns exist
  for (const stage of stages) {
    const op = stage[0]?.v;
    const entry = { op, reads: [], missing: [], functions: [], defines: [] };
    result.stages.push(entry);
    if (!TABULAR.has(op)) {
      result.unknown.push(op);
      continue;
    }
    const items = op === 'where' ? [stage.slice(1)] : split(stage.slice(1), ',');
    for (const item of items) {
      const assign = op !== 'where' && item[0]?.t === 'id' && item[1]?.t === 'op' && item[1].v === '=';
      const { columns, functions } = reads(assign ? item.slice(2) : item);
      for (const c of columns) {
        if (local.has(c)) continue;
        (closed ? entry.missing : entry.reads).push(c);
      }
      entry.functions.push(...functions);
      const name = assign ? item[0].v : columns[0];
      if ((op === 'project' || op === 'extend') && name) entry.defines.push(name);
    }
    if (op === 'extend') entry.defines.forEach((d) => local.add(d));
    if (op === 'project') {
      local.clear();
      entry.defines.forEach((d) => local.add(d));
      closed = true;
      result.output = entry.defines;
    }
  }
  return result;
}
