// Words of a bash text as mvdan/sh (npm mvdan-sh) parses them: the static text of a word where
// every part is known (literals, quotes, known variables, ${VAR:-default}, $(dirname ...)), and the
// small readings the command walk needs. A part that depends on run time makes the word unknown.
import { basename, dirname } from 'node:path';
import sh from 'mvdan-sh';

export const { syntax } = sh;

// mvdan/sh's operator tokens of ${VAR-x}, ${VAR:-x}, ${VAR=x}, ${VAR:=x}.
const DEFAULT_OPS = new Set([70, 71, 74, 75]);
// "declare -F f" tests for a function the caller may define; the call it guards is not a command.
export function guardedFunctions(decl, ctx) {
  const flags = decl.Args.filter((a) => a.Naked && !a.Name && a.Value).map((a) => wordText(a.Value, ctx));
  if (decl.Variant.Value !== 'declare' || !flags.includes('-F')) return;
  for (const a of decl.Args) if (a.Naked && a.Name) ctx.functions.add(a.Name.Value);
}

export function parse(text, file) {
  // GitHub expressions are substituted before bash sees the text.
  const plain = text.replace(/\$\{\{[\s\S]*?\}\}/g, 'GITHUB_EXPRESSION');
  try {
    return syntax.NewParser().Parse(plain, file);
  } catch (e) {
    throw new Error(`${file}: not parseable as bash: ${String(e.message ?? e).split('\n')[0]}`);
  }
}

// The text of a word when every part is known statically, else null.
export function wordText(word, ctx) {
  return partsText(word.Parts, ctx);
}

function partsText(parts, ctx) {
  let out = '';
  for (const part of parts) {
    const t = partText(part, ctx);
    if (t === null) return null;
    out += t;
  }
  return out;
}

function partText(part, ctx) {
  switch (syntax.NodeType(part)) {
    case 'Lit':
    case 'SglQuoted':
      return part.Value;
    case 'DblQuoted':
      return partsText(part.Parts, ctx);
    case 'ParamExp': {
      if (part.Index || part.Slice || part.Repl || part.Length || part.Excl) return null;
      const name = part.Param.Value;
      const known = name === '0' && ctx.self ? ctx.self : Object.hasOwn(ctx.vars, name) ? ctx.vars[name] : null;
      if (!part.Exp) return known;
      // ${VAR:-default} and ${VAR:=default}: the default runs unless the environment overrides it.
      if (!DEFAULT_OPS.has(part.Exp.Op) || !part.Exp.Word) return null;
      return known ?? wordText(part.Exp.Word, ctx);
    }
    case 'CmdSubst': {
      // $(dirname "$0") and $(cd "$(dirname "$0")/.." && pwd) style directory lookups.
      const call = part.Stmts.length === 1 ? part.Stmts[0].Cmd : null;
      if (call && syntax.NodeType(call) === 'CallExpr' && call.Args.length === 2 && wordText(call.Args[0], ctx) === 'dirname') {
        const arg = wordText(call.Args[1], ctx);
        return arg === null ? null : dirname(arg);
      }
      return null;
    }
    default:
      return null;
  }
}

// "${name[@]}": an array that may expand to nothing (an optional sudo, say).
export function isArrayExpansion(word) {
  if (word.Parts.length !== 1) return false;
  const part = syntax.NodeType(word.Parts[0]) === 'DblQuoted' && word.Parts[0].Parts.length === 1 ? word.Parts[0].Parts[0] : word.Parts[0];
  return syntax.NodeType(part) === 'ParamExp' && Boolean(part.Index);
}

// The literal parts of a word, the unknown ones left out ("$bin/etcd" → "/etcd").
export function looseText(word) {
  return word.Parts.map((p) => partText(p, { vars: {} }) ?? (syntax.NodeType(p) === 'DblQuoted' ? p.Parts.map((q) => partText(q, { vars: {} }) ?? '').join('') : '')).join('');
}

// The member names a tar extraction names after its archive and options.
export function tarMembers(args) {
  const names = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) continue;
    if (/^-[CfT]$|^--directory$|^--file$/.test(a)) { i += 1; continue; }
    if (a.startsWith('-')) continue;
    if (i === 0) continue; // bundled options without a dash ("xzf")
    names.push(basename(a));
  }
  return names.filter((n) => !/\.(tar|tgz|gz|zip)$/.test(n));
}
