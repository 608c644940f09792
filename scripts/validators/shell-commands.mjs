// The external commands a shell text runs, read with a real bash parser (mvdan/sh, npm mvdan-sh):
// every simple command's name in source order, through wrappers (timeout, sudo, run_tool, env,
// xargs, nohup), command substitutions and function bodies, and into the repository scripts it
// runs or sources (bash scripts/x.sh, ./scripts/x.sh, source "$(dirname "$0")/lib/common.sh").
// Installers are followed too, and after them come the commands they put on PATH.
// A word the parser cannot resolve statically (a command held in a variable) names nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import sh from 'mvdan-sh';
import { LineCounter, parseDocument } from 'yaml';

const { syntax } = sh;

// Shell builtins and keywords: never looked up on PATH.
const BUILTINS = new Set(('. : [ alias bg break builtin caller cd command compgen complete continue declare dirs ' +
  'disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local ' +
  'logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source suspend ' +
  'test times trap true type typeset ulimit umask unalias unset wait').split(' '));
// Commands that run the command after their own options.
const WRAPPERS = {
  timeout: { valueOptions: ['-k', '-s', '--kill-after', '--signal'], positional: 1 },
  sudo: { valueOptions: ['-u', '-g', '-C'], positional: 0 },
  run_tool: { valueOptions: [], positional: 0 },
  env: { valueOptions: ['-u', '-C'], positional: 0, assignments: true },
  nohup: { valueOptions: [], positional: 0 },
  exec: { valueOptions: ['-a'], positional: 0 },
  xargs: { valueOptions: ['-I', '-n', '-P', '-L', '-d', '-s', '-E', '-a'], positional: 0 },
  command: { valueOptions: [], positional: 0 },
};
// mvdan/sh's operator tokens of ${VAR-x}, ${VAR:-x}, ${VAR=x}, ${VAR:=x}.
const DEFAULT_OPS = new Set([70, 71, 74, 75]);
// Debian packages of the test tools and the commands each installs (scripts/install-test-deps.sh).
const DEBIAN_COMMANDS = {
  prometheus: ['prometheus', 'promtool'],
  'prometheus-alertmanager': ['prometheus-alertmanager', 'amtool'],
  uidmap: ['newuidmap', 'newgidmap'],
  'docker-registry': ['docker-registry'],
  'etcd-server': ['etcd'],
  'etcd-client': ['etcdctl'],
};

/**
 * Every simple command of a shell text as its name and arguments (null where not static), wrappers
 * such as timeout or sudo looked through: the way to ask how a tool is called, not where a word is.
 */
export function commandCalls(text) {
  const calls = [];
  syntax.Walk(parse(text, 'text'), (node) => {
    if (!node || syntax.NodeType(node) !== 'CallExpr' || node.Args.length === 0) return true;
    const words = node.Args.map((w) => wordText(w, { vars: {} }));
    let i = 0;
    while (words[i] && WRAPPERS[words[i]]) {
      const w = WRAPPERS[words[i]];
      i += 1;
      let positional = w.positional;
      while (i < words.length && (words[i]?.startsWith('-') || positional > 0)) {
        if (words[i]?.startsWith('-')) i += w.valueOptions.includes(words[i]) ? 2 : 1;
        else { positional -= 1; i += 1; }
      }
    }
    if (i < words.length) calls.push({ name: words[i], args: words.slice(i + 1) });
    return true;
  });
  return calls;
}

export class ShellReader {
  constructor({ repoRoot, lockTools }) {
    this.root = repoRoot;
    this.lockTools = lockTools;
    this.cache = new Map();
    this.asts = new Map();
  }

  // Events of an inline script (a workflow run: step); `line` is where its text starts.
  read(text, file, { line = 1, vars = {} } = {}) {
    const f = parse(text, file);
    return this.walk(f, { file, lineOffset: line - 1, vars: { REPO_ROOT: this.root, ...vars }, self: null, functions: new Set() });
  }

  // Events of a repository script (cached), with the script's own file:line on each.
  script(path, stack = [], args = []) {
    const rel = relative(this.root, path);
    if (stack.includes(rel)) return [];
    const key = rel === VALIDATE_ASSETS ? `${rel} ${args.join(' ')}` : rel;
    if (this.cache.has(key)) return this.cache.get(key);
    const f = this.parsed(path, rel);
    const events = this.walk(f, { file: rel, lineOffset: 0, vars: { REPO_ROOT: this.root }, self: path, functions: new Set(), stack: [...stack, rel] });
    for (const extra of checksRun(this.root, rel, args)) events.push(...this.script(extra, [...stack, rel]));
    events.push(...installs(this.root, rel, f, this.lockTools));
    this.cache.set(key, events);
    return events;
  }

  walk(f, ctx) {
    const events = [];
    // Functions defined here (or in a sourced library) are not commands on PATH.
    syntax.Walk(f, (node) => {
      if (node && syntax.NodeType(node) === 'FuncDecl') ctx.functions.add(node.Name.Value);
      return true;
    });
    for (const stmt of f.Stmts) this.assign(stmt, ctx);
    syntax.Walk(f, (node) => {
      if (node && syntax.NodeType(node) === 'DeclClause') guardedFunctions(node, ctx);
      if (!node || syntax.NodeType(node) !== 'CallExpr' || node.Args.length === 0) return true;
      events.push(...this.call(node, ctx));
      return true;
    });
    return events;
  }

  // Top-level NAME=value assignments that resolve statically, for later paths ("$dir/x.sh").
  assign(stmt, ctx) {
    const cmd = stmt.Cmd;
    if (!cmd || syntax.NodeType(cmd) !== 'CallExpr' || cmd.Args.length > 0) return;
    for (const a of cmd.Assigns) {
      const value = a.Value ? wordText(a.Value, ctx) : null;
      if (value !== null) ctx.vars[a.Name.Value] = value;
    }
  }

  call(node, ctx) {
    const words = node.Args;
    const where = `${ctx.file}:${node.Pos().Line() + ctx.lineOffset}`;
    let i = 0;
    let name = wordText(words[0], ctx);
    // Through wrappers to the command they run; an optional prefix such as "${sudo[@]}" is skipped.
    while (name !== null && WRAPPERS[name]) {
      const w = WRAPPERS[name];
      const events = ['run_tool', 'command', 'exec'].includes(name) ? [] : [{ kind: 'run', name, where }];
      if (name === 'command' && words[i + 1] && /^-[vV]$/.test(wordText(words[i + 1], ctx) ?? '')) return [];
      i += 1;
      let positional = w.positional;
      while (i < words.length) {
        const t = wordText(words[i], ctx);
        if (t === null && isArrayExpansion(words[i])) {
          // An optional prefix ("${sudo[@]}" apt-get) or the whole command ("${run[@]}" -e X=y).
          const next = words[i + 1] ? wordText(words[i + 1], ctx) : null;
          if (next === null || next.startsWith('-')) return events;
          i += 1;
          continue;
        }
        if (t !== null && t.startsWith('-')) { i += w.valueOptions.includes(t) ? 2 : 1; continue; }
        if (t !== null && w.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) { i += 1; continue; }
        if (positional > 0) { positional -= 1; i += 1; continue; }
        break;
      }
      if (i >= words.length) return events;
      const inner = this.command(wordText(words[i], ctx), words.slice(i), where, ctx, node);
      return [...events, ...inner];
    }
    return this.command(name, words, where, ctx, node);
  }

  command(name, words, where, ctx, call) {
    if (name === null || name === '') return [];
    const args = words.slice(1).map((w) => wordText(w, ctx));
    if (name === 'source' || name === '.') return this.follow(args[0], ctx, true);
    if (BUILTINS.has(name) || ctx.functions.has(name)) return [];
    const events = [];
    if (name.includes('/')) {
      const path = this.resolvePath(name, ctx);
      if (!path) return [];
      const rel = relative(this.root, path);
      if (rel === 'mvnw') return [{ kind: 'run', name: 'java', where: `${where} (./mvnw)` }, ...this.maven(args, ctx)];
      if (/\.sh$/.test(rel)) return this.follow(name, ctx, false);
      return [];
    }
    events.push({ kind: 'run', name, where });
    // With PATH=... in front, a script under test runs against stand-ins placed on that PATH.
    const ownPath = call?.Assigns.some((a) => a.Name.Value === 'PATH');
    if ((name === 'bash' || name === 'sh') && args[0] && !args[0].startsWith('-') && !ownPath) {
      events.push(...this.follow(args[0], ctx, false, args.slice(1)));
    }
    if (name === 'pre-commit' && args.includes('run')) events.push(...this.preCommit(args, ctx));
    if (name === 'npm' && /^(i|install)$/.test(args[0] ?? '') && args.some((a) => a === '-g' || a === '--global')) {
      const pkgs = args.slice(1).filter((a) => a && !a.startsWith('-'));
      events.push({ kind: 'install', names: pkgs.map((p) => basename(p.replace(/@[^@/]*$/, ''))), where });
    }
    if (name === 'tar' && /x/.test(args.find((a) => a && /^-?[a-zA-Z]*x/.test(a)) ?? '')) {
      events.push({ kind: 'extract', names: tarMembers(args), where });
    }
    return events;
  }

  // pre-commit runs each system hook's entry as a command line.
  preCommit(args, ctx) {
    const i = args.findIndex((a) => a === '--config' || a === '-c');
    const config = join(this.root, i >= 0 && args[i + 1] ? args[i + 1] : '.pre-commit-config.yaml');
    if (!existsSync(config)) return [];
    const rel = relative(this.root, config);
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(config, 'utf8'), { lineCounter: lc });
    const events = [];
    for (const repo of doc.get('repos')?.items ?? []) {
      for (const hook of repo.get('hooks')?.items ?? []) {
        if (!['system', 'script'].includes(String(hook.get('language')))) continue;
        const entry = hook.get('entry', true);
        const line = entry?.range ? lc.linePos(entry.range[0]).line : 1;
        events.push(...this.walk(parse(String(entry.value), rel), { ...ctx, file: rel, lineOffset: line - 1, self: null, functions: new Set() }));
      }
    }
    return events;
  }

  // The scripts that packaging runs (exec-maven-plugin), unless -DskipImage leaves them out.
  maven(args, ctx) {
    const modules = args.indexOf('-pl') >= 0 ? (args[args.indexOf('-pl') + 1] ?? '').split(',') : ['app'];
    const packaging = args.some((a) => /^(package|verify|install|deploy)$/.test(a ?? ''));
    if (args.includes('-DskipImage') || !packaging || !modules.includes('app')) return [];
    const pom = readFileSync(join(this.root, 'app/pom.xml'), 'utf8');
    const scripts = [...pom.matchAll(/<argument>\$\{maven\.multiModuleProjectDirectory\}\/(scripts\/[\w./-]+\.sh)<\/argument>/g)];
    return scripts.flatMap((m) => this.script(join(this.root, m[1]), ctx.stack ?? []));
  }

  follow(target, ctx, sourced, args = []) {
    const path = target === null || target === undefined ? null : this.resolvePath(target, ctx);
    if (!path || !path.startsWith(this.root) || !existsSync(path)) return [];
    const rel = relative(this.root, path);
    if (sourced) {
      // A sourced library runs in the caller's shell: its functions become the caller's, and its
      // functions may call the caller's (a library's fail() from the common.sh sourced before it).
      if ((ctx.stack ?? []).includes(rel)) return [];
      return this.walk(this.parsed(path, rel), { ...ctx, file: rel, lineOffset: 0, self: path, stack: [...(ctx.stack ?? []), rel] });
    }
    const events = this.script(path, ctx.stack ?? [], args);
    // run-security-tool.sh TOOL ARGS... runs TOOL.
    if (rel === 'scripts/run-security-tool.sh' && args[0]) events.push({ kind: 'run', name: args[0], where: rel });
    // Installers count where a workflow step runs them; a script's test runs them into a scratch dir.
    const provides = ctx.self === null ? INSTALLER_ARGS[rel] : null;
    return provides ? [...events, { kind: 'install', names: provides(args, this.lockTools), where: rel }] : events;
  }

  parsed(path, rel) {
    if (!this.asts.has(rel)) this.asts.set(rel, parse(readFileSync(path, 'utf8'), rel));
    return this.asts.get(rel);
  }

  resolvePath(text, ctx) {
    if (text.startsWith('/')) return text;
    for (const base of [this.root, ctx.self ? dirname(ctx.self) : null]) {
      if (base && existsSync(resolve(base, text))) return resolve(base, text);
    }
    return null;
  }
}

// "declare -F f" tests for a function the caller may define; the call it guards is not a command.
function guardedFunctions(decl, ctx) {
  const flags = decl.Args.filter((a) => a.Naked && !a.Name && a.Value).map((a) => wordText(a.Value, ctx));
  if (decl.Variant.Value !== 'declare' || !flags.includes('-F')) return;
  for (const a of decl.Args) if (a.Naked && a.Name) ctx.functions.add(a.Name.Value);
}

function parse(text, file) {
  // GitHub expressions are substituted before bash sees the text.
  const plain = text.replace(/\$\{\{[\s\S]*?\}\}/g, 'GITHUB_EXPRESSION');
  try {
    return syntax.NewParser().Parse(plain, file);
  } catch (e) {
    throw new Error(`${file}: not parseable as bash: ${String(e.message ?? e).split('\n')[0]}`);
  }
}

// The text of a word when every part is known statically, else null.
function wordText(word, ctx) {
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
function isArrayExpansion(word) {
  if (word.Parts.length !== 1) return false;
  const part = syntax.NodeType(word.Parts[0]) === 'DblQuoted' && word.Parts[0].Parts.length === 1 ? word.Parts[0].Parts[0] : word.Parts[0];
  return syntax.NodeType(part) === 'ParamExp' && Boolean(part.Index);
}

// The literal parts of a word, the unknown ones left out ("$bin/etcd" → "/etcd").
function looseText(word) {
  return word.Parts.map((p) => partText(p, { vars: {} }) ?? (syntax.NodeType(p) === 'DblQuoted' ? p.Parts.map((q) => partText(q, { vars: {} }) ?? '').join('') : '')).join('');
}

// The member names a tar extraction names after its archive and options.
function tarMembers(args) {
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

// validate-assets.sh runs the checks it is given (every one without arguments) through a loop
// variable the parser cannot follow.
const VALIDATE_ASSETS = 'scripts/validate-assets.sh';
function checksRun(root, rel, args) {
  if (rel !== VALIDATE_ASSETS) return [];
  const dir = join(root, 'scripts/checks');
  const named = args.filter((a) => a && !a.startsWith('-'));
  const all = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort().map((f) => f.replace(/\.sh$/, ''));
  return (named.length > 0 ? named.filter((n) => all.includes(n)) : all).map((n) => join(dir, `${n}.sh`));
}

// What the repository's installers put on PATH, from their arguments.
const INSTALLER_ARGS = {
  'scripts/install-security-tools.sh': (args, lockTools) => {
    const i = args.indexOf('--only');
    const only = i >= 0 && args[i + 1] ? args[i + 1].split(',') : [...lockTools.keys()];
    return only.flatMap((t) => lockTools.get(t) ?? [`(not in scripts/security-tools.lock: ${t})`]);
  },
};

// What an installer script installs, read from its own text: Debian packages of APT_PINS (and the
// commands each ships), Go tools built with `go build -o DIR/NAME` or `go install PKG/NAME@VERSION`.
function installs(root, rel, f, lockTools) {
  if (rel !== 'scripts/install-test-deps.sh') return [];
  const names = [];
  syntax.Walk(f, (node) => {
    if (!node) return true;
    if (syntax.NodeType(node) === 'Assign' && node.Name.Value === 'APT_PINS' && node.Array) {
      for (const e of node.Array.Elems) {
        const pkg = (wordText(e.Value, { vars: {} }) ?? '').split('=')[0];
        if (pkg) names.push(...(DEBIAN_COMMANDS[pkg] ?? [pkg]));
      }
    }
    if (syntax.NodeType(node) === 'CallExpr' && node.Args.length > 2) {
      const words = node.Args.map(looseText);
      const go = words.indexOf('go');
      if (go >= 0 && words[go + 1] === 'build' && words.includes('-o')) names.push(basename(words[words.indexOf('-o') + 1]));
      if (go >= 0 && words[go + 1] === 'install') {
        for (const w of words.slice(go + 2)) if (/@/.test(w)) names.push(basename(w.split('@')[0]));
      }
    }
    return true;
  });
  void lockTools;
  return [{ kind: 'install', names, where: rel }];
}
