// The external commands a shell text runs, read with a real bash parser (mvdan/sh, npm mvdan-sh):
// every simple command's name in source order, through wrappers (timeout, sudo, run_tool, env,
// xargs, nohup), command substitutions and function bodies, and into the repository scripts it
// runs or sources (bash scripts/x.sh, ./scripts/x.sh, source "$(dirname "$0")/lib/common.sh").
// Installers are followed too, and after them come the commands they put on PATH.
// A word the parser cannot resolve statically (a command held in a variable) names nothing.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { checksRun, INSTALL_TEST_DEPS, INSTALLER_ARGS, installs, VALIDATE_ASSETS } from './repo-installers.mjs';
import { guardedFunctions, isArrayExpansion, parse, syntax, tarMembers, wordText } from './shell-words.mjs';

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
    const key = rel === VALIDATE_ASSETS || rel === INSTALL_TEST_DEPS ? `${rel} ${args.join(' ')}` : rel;
    if (this.cache.has(key)) return this.cache.get(key);
    const f = this.parsed(path, rel);
    const events = this.walk(f, { file: rel, lineOffset: 0, vars: { REPO_ROOT: this.root }, self: path, functions: new Set(), stack: [...stack, rel] });
    for (const extra of checksRun(this.root, rel, args)) events.push(...this.script(extra, [...stack, rel]));
    events.push(...installs(rel, f, { root: this.root, lockTools: this.lockTools, args }));
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
