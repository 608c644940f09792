// What the repository's installers put on PATH, and the checks validate-assets.sh runs: knowledge of
// this repository's scripts that the command walk (shell-commands.mjs) cannot read from a loop.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looseText, syntax, wordText } from './shell-words.mjs';

// Debian packages of the test tools and the commands each installs (scripts/install-test-deps.sh).
const DEBIAN_COMMANDS = {
  prometheus: ['prometheus', 'promtool'],
  'prometheus-alertmanager': ['prometheus-alertmanager', 'amtool'],
  uidmap: ['newuidmap', 'newgidmap'],
  'docker-registry': ['docker-registry'],
  'etcd-server': ['etcd'],
  'etcd-client': ['etcdctl'],
};

// validate-assets.sh runs the checks it is given (every one without arguments) through a loop
// variable the parser cannot follow.
export const VALIDATE_ASSETS = 'scripts/validate-assets.sh';
export function checksRun(root, rel, args) {
  if (rel !== VALIDATE_ASSETS) return [];
  const dir = join(root, 'scripts/checks');
  const named = args.filter((a) => a && !a.startsWith('-'));
  const all = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort().map((f) => f.replace(/\.sh$/, ''));
  return (named.length > 0 ? named.filter((n) => all.includes(n)) : all).map((n) => join(dir, `${n}.sh`));
}

// What the repository's installers put on PATH, from their arguments.
export const INSTALLER_ARGS = {
  'scripts/install-security-tools.sh': (args, lockTools) => {
    const i = args.indexOf('--only');
    const only = i >= 0 && args[i + 1] ? args[i + 1].split(',') : [...lockTools.keys()];
    return only.flatMap((t) => lockTools.get(t) ?? [`(not in scripts/security-tools.lock: ${t})`]);
  },
};

// The executables scripts/lib/go-tools.sh builds (build_go_tools): the "src" rows of the lock.
function goBuiltTools() {
  const lock = resolve(dirname(fileURLToPath(import.meta.url)), '../security-tools.lock');
  return readFileSync(lock, 'utf8').split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => !/^#/.test(cols[0]) && cols.length === 6 && cols[2] === 'src' && /^go:/.test(cols[3]))
    .map((cols) => cols[0]);
}

// What an installer script installs, read from its own text: Debian packages of APT_PINS (and the
// commands each ships), Go tools built with `go build -o DIR/NAME` or `go install PKG/NAME@VERSION`,
// and every Go-built tool of the lock where it calls build_go_tools.
export function installs(rel, f) {
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
    if (syntax.NodeType(node) === 'CallExpr' && node.Args.length > 0 && looseText(node.Args[0]) === 'build_go_tools') {
      names.push(...goBuiltTools());
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
  return [{ kind: 'install', names, where: rel }];
}
